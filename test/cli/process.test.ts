import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The command as a user runs it: a separate process, its exit status and its two streams. */
function yjInspect(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });
}

describe('yj-inspect as a process', () => {
  it('prints the ratings box of a seed inspection and exits 0', () => {
    const run = yjInspect('rate', 'examples/findings/southwark-2023.json');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Southwark Youth Justice Service\nFieldwork started July 2023\nScore 29/36\n');
    expect(run.stderr).toBe('');
  });

  it('exits 2 with one line naming the file and the problem, and no stack trace, on bad input', () => {
    const run = yjInspect('rate', 'package.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('yj-inspect: package.json: $.framework: is required\n');
    expect(run.stdout).toBe('');
  });
});
