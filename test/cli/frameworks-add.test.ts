import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { openServices } from '../../src/platform/server.js';
import { seedDemo } from '../../src/demo/demo.js';
import { scratchDatabase } from '../support/database.js';

/** `yj-inspect frameworks add FILE`: a service's own framework file from the command line. */
const dir = mkdtempSync(join(tmpdir(), 'yj-frameworks-cli-'));
const savedUrl = process.env.DATABASE_URL;
let drop = async () => {};
let organisationId: string;
const email = 'head.of.service@demo.invalid';

const run = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main([...args, '--data-dir', dir], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
};

beforeAll(async () => {
  if (savedUrl) {
    const scratch = await scratchDatabase(savedUrl, 'yj_frameworks_cli');
    process.env.DATABASE_URL = scratch.url;
    drop = scratch.drop;
  }
  const opened = await openServices(loadConfig(process.env, { dataDir: dir }));
  try {
    await seedDemo(opened.services.database.db, opened.services.users);
    const head = (await opened.services.users.findByEmail(email))!;
    organisationId = (await opened.services.plans.plans.list(head))[0]!.organisationId;
  } finally {
    await opened.close();
  }
  copyFileSync(
    new URL('../../examples/frameworks/northtown-assessment-audit.json', import.meta.url),
    join(dir, 'audit.json'),
  );
}, 60_000);

afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  if (!savedUrl) delete process.env.DATABASE_URL;
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('yj-inspect frameworks add', () => {
  it('adds the file as version 1, and the same file again changes nothing', async () => {
    const added = await run('frameworks', 'add', 'audit.json', '--organisation', organisationId, '--email', email);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^Added Northtown YJS thematic audit.*, version 1 \(/);
    const again = await run('frameworks', 'add', 'audit.json', '--organisation', organisationId, '--email', email);
    expect(again.stdout).toMatch(/^Unchanged: .*version 1/);
  });

  it('a broken file exits 2 with the JSON path of the problem', async () => {
    const broken = readFileSync(join(dir, 'audit.json'), 'utf8').replace('"rounding": "halfUp"', '"rounding": "up"');
    writeFileSync(join(dir, 'broken.json'), broken);
    const refused = await run('frameworks', 'add', 'broken.json', '--organisation', organisationId, '--email', email);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('broken.json: $.keyQuestionBands.rounding');
  });

  it('a file that claims Welsh but lacks a text exits 2 naming its JSON path; a complete Welsh updates the version', async () => {
    const file = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8')) as { title: string };
    const { frameworkTexts } = await import('../../src/domain/framework/languages.js');
    const texts = frameworkTexts(file as never).map((t) => t.text);
    const welsh = Object.fromEntries(texts.map((text) => [text, `CY ${text}`]));
    delete welsh[file.title];
    writeFileSync(
      join(dir, 'part.json'),
      JSON.stringify({ ...file, languages: ['en', 'cy'], translations: { cy: welsh } }),
    );
    const refused = await run('frameworks', 'add', 'part.json', '--organisation', organisationId, '--email', email);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('part.json: $.title has no Welsh (cy)');
    welsh[file.title] = `CY ${file.title}`;
    writeFileSync(
      join(dir, 'welsh.json'),
      JSON.stringify({ ...file, languages: ['en', 'cy'], translations: { cy: welsh } }),
    );
    const updated = await run('frameworks', 'add', 'welsh.json', '--organisation', organisationId, '--email', email);
    expect(updated.stderr).toBe('');
    expect(updated.stdout).toMatch(/^Translations updated: .*version 1/);
  });
});
