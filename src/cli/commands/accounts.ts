import type { Services } from '../../platform/services.js';
import { withServices } from '../services.js';
import type { TokenScope } from '../../features/accounts/index.js';
import { oneOf, UsageError, type CliIo } from '../io.js';

export interface AccountOptions {
  'data-dir'?: string;
  email?: string;
  name?: string;
  scope?: string;
  id?: string;
  'dry-run'?: boolean;
}

async function userOf(services: Services, email: string | undefined, command: string) {
  if (!email) throw new UsageError(`${command} needs --email`);
  const user = await services.users.findByEmail(email);
  if (!user) throw new UsageError(`no user has the email ${email}`);
  return user;
}

/** `yj-inspect tokens create --email E [--name N] [--scope read|write]`: prints a new API token, once. */
export async function createToken(io: CliIo, options: AccountOptions): Promise<number> {
  const scope = oneOf('scope', options.scope, ['read', 'write'] as const, 'write');
  const scopes: TokenScope[] = scope === 'write' ? ['read', 'write'] : ['read'];
  return withServices(options, async (services) => {
    const user = await userOf(services, options.email, 'tokens create');
    io.stdout(`${await services.users.createApiToken(null, user.id, options.name ?? 'command line', scopes)}\n`);
    return 0;
  });
}

/** `yj-inspect tokens list --email E`: the user's tokens, with the ids that `tokens revoke` takes. */
export async function listTokens(io: CliIo, options: AccountOptions): Promise<number> {
  return withServices(options, async (services) => {
    const user = await userOf(services, options.email, 'tokens list');
    const tokens = await services.administration.tokensOf({ ...user, isAdmin: true });
    if (tokens.length === 0) io.stdout(`${user.email} has no API tokens.\n`);
    for (const t of tokens)
      io.stdout(
        `${t.id}  ${t.scopes.includes('write') ? 'read+write' : 'read      '}  ${t.revokedAt ? 'revoked' : 'active '}  ${t.createdAt.toISOString().slice(0, 10)}  ${t.name}\n`,
      );
    return 0;
  });
}

/** `yj-inspect tokens revoke --id ID`: the token stops working at once. */
export async function revokeToken(io: CliIo, options: AccountOptions): Promise<number> {
  if (!options.id) throw new UsageError('tokens revoke needs --id (see yj-inspect tokens list --email E)');
  return withServices(options, async (services) => {
    const revoked = await services.administration.revokeToken(null, options.id!).catch((error: unknown) => {
      if ((error as Error).name === 'NotFoundError') throw new UsageError(`no active token has the id ${options.id}`);
      throw error;
    });
    io.stdout(`Revoked the token "${revoked.name}" of ${revoked.email}.\n`);
    return 0;
  });
}

/** `yj-inspect retention run [--dry-run]`: deletes the case data of inspections past their service's retention. */
export async function runRetention(io: CliIo, options: AccountOptions): Promise<number> {
  const dryRun = options['dry-run'] ?? false;
  return withServices(options, async (services) => {
    const due = await services.privacy.run(null, { dryRun });
    for (const i of due)
      io.stdout(
        `${dryRun ? 'would delete' : 'deleted'}: ${i.service}, ${i.title} (fieldwork ended ${i.fieldworkEnd}, kept ${i.retentionMonths} months): ${i.cases} cases, ${i.answers} answers\n`,
      );
    io.stdout(
      due.length === 0
        ? 'No inspection is past its retention.\n'
        : `${dryRun ? 'Would delete' : 'Deleted'} the case data of ${due.length} inspection${due.length === 1 ? '' : 's'}; ratings kept.\n`,
    );
    return 0;
  });
}
