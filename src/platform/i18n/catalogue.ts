import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

/** The interface languages: English and Welsh (Cymraeg). English is the fallback for anything not yet held in Welsh. */
export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];
export const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

/** Each language's name in its own language, for the toggle. */
export const languageNames: Record<Language, string> = { en: 'English', cy: 'Cymraeg' };

/**
 * A catalogue file's review mark: `"_review": { "reviewed": false, "note": "..." }` at the top of a Welsh file
 * says that a Welsh speaker has still to review it. The mark is not a message.
 */
export interface ReviewMark {
  file: string;
  reviewed: boolean;
  note?: string;
}

export interface Catalogue {
  /** language → key → message. The keys are the English sentences themselves (see docs/welsh.md). */
  messages: Record<Language, Record<string, string>>;
  /** Where each key came from, per language, to report a key held twice with different words. */
  files: Record<Language, Record<string, string>>;
  review: ReviewMark[];
}

const srcRoot = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Every catalogue file: the platform's (src/platform/web/locales) and each feature's (src/features/<f>/locales). */
export function catalogueFiles(root: string = srcRoot): { language: Language; path: string }[] {
  const folders = [join(root, 'platform/web/locales')];
  const features = join(root, 'features');
  if (existsSync(features))
    for (const feature of readdirSync(features).sort()) {
      const folder = join(features, feature, 'locales');
      if (existsSync(folder)) folders.push(folder);
    }
  return folders.flatMap((folder) =>
    languages
      .map((language) => ({ language, path: join(folder, `${language}.json`) }))
      .filter((file) => existsSync(file.path)),
  );
}

/** Reads every catalogue file into one dictionary per language. A file that is not a JSON object of strings stops the start. */
export function loadCatalogue(root: string = srcRoot): Catalogue {
  const catalogue: Catalogue = { messages: { en: {}, cy: {} }, files: { en: {}, cy: {} }, review: [] };
  for (const { language, path } of catalogueFiles(root)) {
    const file = relative(root, path);
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(parsed)) {
      if (key === '_review') {
        const mark = value as { reviewed?: unknown; note?: unknown };
        catalogue.review.push({
          file,
          reviewed: mark.reviewed === true,
          ...(typeof mark.note === 'string' && { note: mark.note }),
        });
        continue;
      }
      if (typeof value !== 'string') throw new Error(`${file}: the message "${key}" is not a string`);
      catalogue.messages[language][key] = value;
      catalogue.files[language][key] ??= file;
    }
  }
  return catalogue;
}
