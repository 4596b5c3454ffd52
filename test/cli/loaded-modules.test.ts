import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { populationCsv } from '../domain/sampling/fixture.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'yj-inspect-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const population = join(dir, 'population.csv');
writeFileSync(population, populationCsv({ court: 60, outOfCourt: 40, resettlement: 2 }));

/** The packages a pure command may load: the domain's parsers and validation, and the one CSV writer. */
const purePackages = ['zod', 'jsonc-parser', 'csv-parse', 'csv-stringify'];

/** Runs the command as a process, with a loader hook recording every module it resolves. */
function loadedBy(...args: string[]): Promise<{ status: number | null; stdout: string; modules: string[] }> {
  const log = join(dir, `${args.join('_').replace(/\W+/g, '_')}.log`);
  writeFileSync(log, '');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/module-log.ts', 'src/cli/bin.ts', ...args],
    { cwd: root, env: { ...process.env, YJ_MODULE_LOG: log } },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => {
      const modules = readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line.split('\t')[0]!.startsWith(`file://${root}src/`))
        .map((line) => line.split('\t')[1]!);
      resolve({ status, stdout, modules: [...new Set(modules)] });
    });
  });
}

/** The npm packages the project's own code imported (a package's own imports are its business). */
const packagesOf = (modules: string[]) =>
  [...new Set(modules.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))].sort();
const sourcesOf = (modules: string[]) =>
  modules.filter((url) => url.startsWith(`file://${root}src/`)).map((url) => url.slice(`file://${root}`.length));

describe('the pure commands load no database, web server, spreadsheet, browser or mail code', () => {
  const runs = {
    version: loadedBy('--version'),
    help: loadedBy('--help'),
    rate: loadedBy('rate', 'examples/findings/hackney-2023.json'),
    frameworks: loadedBy('frameworks'),
    sample: loadedBy('sample', '--population', population, '--seed', '1'),
  };

  it.each(Object.keys(runs) as (keyof typeof runs)[])('%s', async (name) => {
    const run = await runs[name];
    expect(run.status).toBe(0);
    expect(run.stdout).not.toBe('');
    expect(packagesOf(run.modules).filter((p) => !purePackages.includes(p))).toEqual([]);
    expect(
      sourcesOf(run.modules).filter(
        (path) => !/^src\/(cli|domain)\/|^src\/platform\/(framework-registry|csv)\.ts/.test(path),
      ),
    ).toEqual([]);
  });

  it('--version loads the command line itself and nothing more', async () => {
    const run = await runs.version;
    expect(packagesOf(run.modules)).toEqual(['jsonc-parser']); // the JSON reader behind InputError
    expect(sourcesOf(run.modules).sort()).toEqual([
      'src/cli/io.ts',
      'src/cli/main.ts',
      'src/domain/input/input-error.ts',
    ]);
  });

  it('the hook does see what a database command loads (so the checks above can fail)', async () => {
    // Refused for want of --id once its module has loaded, before any database opens.
    const run = await loadedBy('tokens', 'revoke');
    expect(run.status).toBe(2);
    expect(packagesOf(run.modules)).toEqual(expect.arrayContaining(['@electric-sql/pglite', 'drizzle-orm']));
    expect(sourcesOf(run.modules)).toContain('src/platform/db/connect.ts');
  });
});
