import { loadConfig, namedSetting, type Config } from '../../platform/config.js';
import { DataDirBusyError } from '../../platform/db/data-dir-lock.js';
import { startServer } from '../../platform/server.js';
import { withServices } from '../services.js';
import { ValidationError } from '../../platform/errors.js';
import { serviceRoles, type ServiceRole } from '../../policy/policy.js';
import { UsageError, type CliIo } from '../io.js';

export interface ServerOptions {
  port?: string;
  'data-dir'?: string;
  demo?: boolean;
  email?: string;
  name?: string;
  admin?: boolean;
  organisation?: string;
  role?: string;
  'password-env'?: string;
}

function configFrom(options: ServerOptions): Config {
  const overrides: Partial<Config> = {};
  if (options.port !== undefined) {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new UsageError(`--port must be a port number; got "${options.port}"`);
    overrides.port = port;
  }
  if (options['data-dir']) overrides.dataDir = options['data-dir'];
  return loadConfig(undefined, overrides);
}

/** `yj-inspect serve`: runs until interrupted. */
export async function serve(io: CliIo, options: ServerOptions): Promise<number> {
  const config = configFrom(options);
  const server = await startServer(config, { demo: options.demo ?? false, log: (line) => io.stdout(`${line}\n`) });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}

/** `yj-inspect users add --email E --name N [--admin] [--organisation NAME]`; the password comes from an environment variable. */
export async function addUser(io: CliIo, options: ServerOptions): Promise<number> {
  if (!options.email) throw new UsageError('users add needs --email');
  if (!options.name) throw new UsageError('users add needs --name');
  const role = options.role ?? 'qaLead';
  if (!(serviceRoles as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${serviceRoles.join(', ')}; got "${role}"`);
  if (options.role && !options.organisation) throw new UsageError('--role needs --organisation');
  const passwordVariable = options['password-env'] ?? 'YJ_USER_PASSWORD';
  const password = namedSetting(passwordVariable);
  if (!password)
    throw new UsageError(
      `set the new user's password in the environment variable ${passwordVariable} (it is never taken on the command line)`,
    );
  return withServices(configFrom(options), async (services) => {
    const user = await services.users.create(null, {
      email: options.email!,
      displayName: options.name!,
      password,
      isAdmin: options.admin ?? false,
    });
    if (options.organisation) {
      const organisation = (await services.organisations.list()).find((o) => o.name === options.organisation);
      if (!organisation) throw new UsageError(`no organisation is called "${options.organisation}"`);
      await services.users.addMembership(null, user.id, organisation.id, role as ServiceRole);
    }
    io.stdout(`Added ${user.email}${user.isAdmin ? ' (administrator)' : ''}.\n`);
    return 0;
  });
}

/** Errors of these commands that are the user's to fix, as one line. */
export function serverCommandProblem(error: unknown): string | null {
  if (error instanceof DataDirBusyError) return error.message;
  if (error instanceof ValidationError) return error.message;
  return null;
}
