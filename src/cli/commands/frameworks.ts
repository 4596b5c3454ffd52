import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import { InputError } from '../../domain/input/input-error.js';
import { frameworkMarkdown } from '../../domain/report/framework-markdown.js';
import { oneOf, UsageError, type CliIo } from '../io.js';

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
