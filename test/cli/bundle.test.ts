import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../scripts/bundle-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Two folders below the root, as dist/cli-bundle is; the unbundled modules come from src (run under tsx).
const outdir = `${root}.tmp/cli-bundle-test`;
beforeAll(() => bundleCli({ outdir, externalDir: `${root}src` }), 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const bundled = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `${outdir}/bin.js`, ...args], { cwd: root, encoding: 'utf8' });
const unbundled = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('the bundled command line (bin/yj-inspect.js runs it)', () => {
  it('rates a findings file exactly as the unbundled one does', () => {
    const run = bundled('rate', 'examples/findings/hackney-2023.json', '--format', 'json');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(unbundled('rate', 'examples/findings/hackney-2023.json', '--format', 'json').stdout);
    expect(JSON.parse(run.stdout)).toMatchObject({ score: 25, maxScore: 36 });
  });

  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    expect(bundled('--version').stdout).toBe(`${version}\n`);
  });

  it("gives zod's English messages without its locales", () => {
    const run = bundled('rate', 'package.json');
    expect([run.status, run.stderr]).toEqual([2, 'yj-inspect: package.json: $.framework: is required\n']);
    expect(readdirSync(outdir).join(' ')).not.toMatch(/locale/);
    expect(
      readdirSync(outdir)
        .map((f) => readFileSync(`${outdir}/${f}`, 'utf8'))
        .join(''),
    ).not.toMatch(/Virheellinen|Ungültige/);
  });

  it("a database command's usage error crosses the bundle: one message, exit status 2", () => {
    const run = bundled('users', 'add');
    expect([run.status, run.stderr]).toEqual([
      2,
      'yj-inspect: users add needs --email\nRun "yj-inspect --help" for usage.\n',
    ]);
  });
});
