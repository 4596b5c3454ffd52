import { readdirSync, readFileSync } from 'node:fs';
import { InputError, parseJson } from '../domain/input/input-error.js';
import { parseFramework } from '../domain/framework/load.js';
import type { Framework } from '../domain/framework/model.js';
import type { FrameworkLanguage } from '../domain/framework/schema.js';

/** The framework versions shipped in `frameworks/`: adding a version is adding a file, never code. */
const frameworksDir = new URL('../../frameworks/', import.meta.url);

const loaded = new Map<string, Framework>();
/** Frameworks services added themselves (stored in the database), under their versioned keys. */
const stored = new Map<string, Framework>();

/**
 * Where a framework's translations go when it is loaded: the interface's translator (src/platform/i18n), given
 * by the web's view environment. Kept as an interface so that the command line's pure path loads no i18next.
 */
export interface FrameworkMessageSink {
  has(text: string, language: FrameworkLanguage): boolean;
  addMessages(language: FrameworkLanguage, messages: Record<string, string>): void;
}
const sinks: FrameworkMessageSink[] = [];
/** By language and English text: the framework key whose translation the translator holds. */
const suppliedBy: Record<FrameworkLanguage, Map<string, string>> = { en: new Map(), cy: new Map() };

/**
 * Adds a framework's translations to the translator, keyed by their English text (docs/frameworks.md). A text
 * already held in that language keeps its words: the interface's catalogue first, then the shipped frameworks
 * (loaded first), then the stored ones in the order they were added.
 */
function addTranslations(key: string, framework: Framework): void {
  for (const sink of sinks)
    for (const [language, messages] of Object.entries(framework.translations) as [
      FrameworkLanguage,
      Record<string, string>,
    ][]) {
      // A stored version whose translation was corrected (registered again under its key) replaces its own words.
      const fresh = Object.fromEntries(
        Object.entries(messages).filter(
          ([english]) => !sink.has(english, language) || suppliedBy[language].get(english) === key,
        ),
      );
      for (const english of Object.keys(fresh)) suppliedBy[language].set(english, key);
      if (Object.keys(fresh).length > 0) sink.addMessages(language, fresh);
    }
}

/** Every shipped framework's translations, before a stored one's; a broken file is reported when it is used. */
function loadShipped(): void {
  for (const id of frameworkIds())
    try {
      getFramework(id);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
    }
}

/**
 * From now on, every framework loaded (shipped or stored) adds its translations to `sink`; the frameworks
 * already loaded add theirs now, the shipped ones first.
 */
export function translateFrameworksWith(sink: FrameworkMessageSink): void {
  if (sinks.includes(sink)) return;
  sinks.push(sink);
  loadShipped();
  for (const [key, framework] of [...loaded, ...stored]) addTranslations(key, framework);
}

/** Makes a stored framework version findable by getFramework, as the shipped files are. */
export function registerStoredFramework(key: string, framework: Framework): void {
  if (sinks.length > 0) loadShipped();
  stored.set(key, framework);
  addTranslations(key, framework);
}

/** Whether a framework (or the framework of a key) holds its words in `language` ("en" always). */
export function frameworkHoldsLanguage(framework: Framework | string, language: FrameworkLanguage): boolean {
  if (typeof framework === 'string') {
    try {
      framework = getFramework(framework);
    } catch (error) {
      if (error instanceof InputError) return false;
      throw error;
    }
  }
  return framework.languages.includes(language);
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
  addTranslations(id, framework);
  return framework;
}
