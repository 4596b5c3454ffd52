import { readInput, UsageError, type CliIo } from '../io.js';
import { ValidationError } from '../../platform/errors.js';
import { withServices } from '../services.js';
import { actingUser } from './plans.js';

/** `national import [FILE] --email E`: HMIP's published national ratings (the shipped file without FILE). */
export async function importNational(
  io: CliIo,
  positionals: string[],
  values: { email?: string; 'data-dir'?: string },
): Promise<number> {
  const [file, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`national import takes one file; unexpected "${extra[0]}"`);
  const { shippedNationalFile } = await import('../../features/national/index.js');
  const { text, source } = file ? readInput(io, file) : shippedNationalFile();
  return withServices(values, async (services) => {
    const user = await actingUser(services, values.email);
    try {
      const imported = await services.national.importFile(user, text, source);
      io.stdout(
        `Imported ${imported.rows} published inspections from ${source}; ${imported.withCaveats} with a known problem, shown beside them.\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const message of Object.values(error.fields)) io.stderr(`yj-inspect: ${source}: ${message}\n`);
      return 2;
    }
  });
}
