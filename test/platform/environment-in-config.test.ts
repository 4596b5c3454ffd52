import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, namedSetting } from '../../src/platform/config.js';

const src = fileURLToPath(new URL('../../src', import.meta.url));
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

describe('every environment variable is read in src/platform/config.ts', () => {
  it('no other module of src reads process.env', () => {
    const readers = sources(src)
      .filter((file) => /process\.env\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(readers).toEqual(['platform/config.ts']);
  });

  it('no module reads it when imported: a bad setting fails the command that loads the config, not an import', async () => {
    const saved = process.env.PORT;
    process.env.PORT = 'not a port';
    try {
      expect(() => loadConfig()).toThrow('PORT must be a port number');
      // The services, every feature (the PDF renderer and the mailer among them), the web app and the server.
      await expect(import('../../src/platform/server.js')).resolves.toHaveProperty('openServices');
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  }, 60_000);

  it('a setting named at run time (users add --password-env) is read there too; empty is unset', () => {
    expect(namedSetting('YJ_TEST_PASSWORD', { YJ_TEST_PASSWORD: 'correct horse battery' })).toBe(
      'correct horse battery',
    );
    expect(namedSetting('YJ_TEST_PASSWORD', { YJ_TEST_PASSWORD: '' })).toBeUndefined();
    expect(namedSetting('YJ_TEST_PASSWORD', {})).toBeUndefined();
  });
});
