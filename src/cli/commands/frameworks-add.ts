import { readInput, UsageError, type CliIo } from '../io.js';
import { ValidationError } from '../../platform/errors.js';
import { actingUser } from './plans.js';
import { withServices } from '../services.js';

/** `frameworks add FILE --organisation ID --email E`: a service's own framework file, as that user. */
export async function addFramework(
  io: CliIo,
  positionals: string[],
  values: { organisation?: string; email?: string; 'data-dir'?: string },
): Promise<number> {
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('which file? yj-inspect frameworks add FILE --organisation ID --email E');
  if (extra.length > 0) throw new UsageError(`frameworks add takes one file; unexpected "${extra[0]}"`);
  if (!values.organisation) throw new UsageError('name the service with --organisation ID');
  const { text, source } = readInput(io, file);
  return withServices(values, async (services) => {
    const user = await actingUser(services, values.email);
    try {
      const added = await services.frameworks.add(user, values.organisation!, text, source);
      io.stdout(
        `${added.created ? 'Added' : added.translated ? 'Translations updated:' : 'Unchanged:'} ${added.title}, version ${added.version} (${added.key})\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const message of Object.values(error.fields)) io.stderr(`yj-inspect: ${source}: ${message}\n`);
      return 2;
    }
  });
}
