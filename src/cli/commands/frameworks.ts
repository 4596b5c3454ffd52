import { frameworkIds, getFramework } from '../../framework/registry.js';
import { frameworkMarkdown } from '../../report/framework-markdown.js';
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
  const [id] = positionals;
  if (!id) throw new UsageError('which framework? yj-inspect framework <id>');
  const format = oneOf('format', values.format, ['markdown', 'json'] as const, 'markdown');
  const framework = getFramework(id);
  io.stdout(format === 'json' ? JSON.stringify(framework.file, null, 2) + '\n' : frameworkMarkdown(framework));
  return 0;
}
