import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import { InputError } from '../../domain/input/input-error.js';
import { frameworkMarkdown } from '../../features/report/index.js';
import { oneOf, readInput, UsageError, type CliIo } from '../io.js';
import { ValidationError } from '../../platform/errors.js';
import { actingUser, withServices } from './plans.js';

export function listFrameworks(io: CliIo): number {
  for (const id of frameworkIds()) {
    const framework = getFramework(id);
    const caseBased = framework.standards.filter((s) => s.assessment === 'caseBased').length;
    io.stdout(`${id}\t${framework.title}\t${framework.standards.length} standards (${caseBased} case-based)\n`);
  }
  return 0;
}

export function showFramework(io: CliIo, positionals: string[], values: { format?: string }): number {
  const [id, ...extra] = positionals;
  if (!id) throw new UsageError('which framework? yj-inspect framework <id>');
  if (extra.length > 0) throw new UsageError(`framework takes one id; unexpected "${extra[0]}"`);
  const format = oneOf('format', values.format, ['markdown', 'json'] as const, 'markdown');
  let framework;
  try {
    framework = getFramework(id);
  } catch (error) {
    if (error instanceof InputError && error.source === 'framework') throw new UsageError(error.problem);
    throw error;
  }
  io.stdout(format === 'json' ? JSON.stringify(framework.file, null, 2) + '\n' : frameworkMarkdown(framework));
  return 0;
}

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
      io.stdout(`${added.created ? 'Added' : 'Unchanged:'} ${added.title}, version ${added.version} (${added.key})\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const message of Object.values(error.fields)) io.stderr(`yj-inspect: ${source}: ${message}\n`);
      return 2;
    }
  });
}
