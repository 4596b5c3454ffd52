import { readdirSync, readFileSync } from 'node:fs';
import { InputError, parseJson } from '../domain/input/input-error.js';
import { parseFramework } from '../domain/framework/load.js';
import type { Framework } from '../domain/framework/model.js';

/** The framework versions shipped in `frameworks/`: adding a version is adding a file, never code. */
const frameworksDir = new URL('../../frameworks/', import.meta.url);

const loaded = new Map<string, Framework>();
/** Frameworks services added themselves (stored in the database), under their versioned keys. */
const stored = new Map<string, Framework>();

/** Makes a stored framework version findable by getFramework, as the shipped files are. */
export function registerStoredFramework(key: string, framework: Framework): void {
  stored.set(key, framework);
}

export const isStoredFramework = (key: string) => stored.has(key);

export function frameworkIds(): string[] {
  return readdirSync(frameworksDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** A framework by id, validated once per process. Throws an InputError for an unknown id or a broken file. */
export function getFramework(id: string): Framework {
  const cached = loaded.get(id) ?? stored.get(id);
  if (cached) return cached;
  const known = frameworkIds();
  if (!known.includes(id))
    throw new InputError('framework', '', `unknown framework "${id}" (known: ${known.join(', ')})`);
  const source = `frameworks/${id}.json`;
  const framework = parseFramework(
    parseJson(readFileSync(new URL(`${id}.json`, frameworksDir), 'utf8'), source),
    source,
  );
  if (framework.id !== id)
    throw new InputError(source, '$.id', `the id "${framework.id}" does not match the file name`);
  loaded.set(id, framework);
  return framework;
}
