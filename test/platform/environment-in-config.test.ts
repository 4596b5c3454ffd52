import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { namedSetting } from '../../src/platform/config.js';

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

  it('a setting named at run time (users add --password-env) is read there too; empty is unset', () => {
    expect(namedSetting('YJ_TEST_PASSWORD', { YJ_TEST_PASSWORD: 'correct horse battery' })).toBe(
      'correct horse battery',
    );
    expect(namedSetting('YJ_TEST_PASSWORD', { YJ_TEST_PASSWORD: '' })).toBeUndefined();
    expect(namedSetting('YJ_TEST_PASSWORD', {})).toBeUndefined();
  });
});
