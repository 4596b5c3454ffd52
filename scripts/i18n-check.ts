/**
 * The catalogue check (docs/welsh.md): every message the code asks for is held in English and in Welsh, every
 * message held is used, and no template holds a sentence outside t(). `npm run i18n:check` prints the
 * problems; test/platform/i18n/catalogue.test.ts fails on any.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueFiles, loadCatalogue, type Catalogue } from '../src/platform/i18n/catalogue.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const srcRoot = join(root, 'src');

/** Welsh has six plural forms (Intl.PluralRules('cy')); English two. */
export const pluralForms = { en: ['one', 'other'], cy: ['zero', 'one', 'two', 'few', 'many', 'other'] } as const;
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Words that are the same in both languages (names, acronyms, formats): a template may print them as they are. */
export const sameInBothLanguages = new Set([
  'yj-inspect',
  'GOV.UK',
  'HMIP',
  'YJS',
  'YOS',
  'CSV',
  'XLSX',
  'PDF',
  'JSON',
  'API',
  'ICS',
  'RAG',
  'RoSH',
  'AssetPlus',
  'OIDC',
  'English',
  'Cymraeg',
]);

function filesUnder(folder: string, ending: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ending))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('/migrations/'))
    .sort();
}

const unescape = (text: string) => text.replace(/\\(.)/g, '$1');

/** The messages asked for by name: the first argument of t("...") in templates and TypeScript. */
export function keysAsked(files: string[]): Map<string, string> {
  const asked = new Map<string, string>();
  const call = /(?<![\w.])t\(\s*(["'])((?:\\.|(?!\1).)*)\1/gs;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(call)) asked.set(unescape(match[2]!), relative(root, path));
  }
  return asked;
}

/** Source text with each placeholder (`${...}` in TypeScript, `{{...}}` in messages) as `{}`, for "is it used". */
const normalised = (text: string) => text.replace(/\$\{[^}]*\}/g, '{}').replace(/\{\{[^}]*\}\}/g, '{}');

export interface Problems {
  missing: { language: 'en' | 'cy'; key: string; where: string }[];
  unused: string[];
  unmatched: { language: 'en' | 'cy'; key: string }[];
  untranslated: { file: string; line: number; text: string }[];
  /** A message held in two catalogue files with different Welsh: the page would show whichever loads last. */
  conflicting: { key: string; files: string[] }[];
}

/** Every problem with the catalogues and the templates. */
export function check(catalogue: Catalogue = loadCatalogue(srcRoot + '/')): Problems {
  const templates = filesUnder(srcRoot, '.njk');
  const code = filesUnder(srcRoot, '.ts');
  const asked = keysAsked([...templates, ...code]);
  const problems: Problems = { missing: [], unused: [], unmatched: [], untranslated: [], conflicting: [] };
  const welsh = new Map<string, Map<string, string>>();
  for (const { language, path } of catalogueFiles(srcRoot + '/')) {
    if (language !== 'cy') continue;
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)) {
      if (key === '_review' || typeof value !== 'string') continue;
      if (!welsh.has(key)) welsh.set(key, new Map());
      welsh.get(key)!.set(relative(root, path), value);
    }
  }
  for (const [key, held] of welsh)
    if (new Set(held.values()).size > 1) problems.conflicting.push({ key, files: [...held.keys()] });
  const bases = (language: 'en' | 'cy') =>
    new Set(Object.keys(catalogue.messages[language]).map((key) => key.replace(pluralSuffix, '')));
  const heldIn = (language: 'en' | 'cy', key: string) => {
    const messages = catalogue.messages[language];
    if (key in messages) return true;
    return pluralForms[language].every((form) => `${key}_${form}` in messages);
  };

  for (const [key, where] of asked)
    for (const language of ['en', 'cy'] as const)
      if (!heldIn(language, key)) problems.missing.push({ language, key, where });

  for (const language of ['en', 'cy'] as const) {
    const other = language === 'en' ? 'cy' : 'en';
    for (const key of bases(language)) if (!heldIn(other, key)) problems.unmatched.push({ language: other, key });
  }

  const source = normalised([...templates, ...code].map((path) => readFileSync(path, 'utf8')).join('\n'));
  for (const key of bases('en')) {
    if (asked.has(key)) continue;
    if (!source.includes(normalised(key))) problems.unused.push(key);
  }

  for (const path of templates) problems.untranslated.push(...untranslatedIn(path));
  return problems;
}

const showsText = /[A-Za-z]{2,}/;
/** Whether a bit of template text is a sentence a reader would see (not a name or an acronym held in both languages). */
function isWords(text: string): boolean {
  const words = text
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\s-\s/g, ' ')
    .split(/[\s()[\],.:;!?|/·–—]+/)
    .map((word) => word.replace(/^-+|-+$/g, ''))
    .filter((word) => showsText.test(word) && !sameInBothLanguages.has(word));
  return words.length > 0;
}

/** The attributes whose words a reader (or a screen reader) meets. */
const readAttributes = /\b(aria-label|aria-description|title|alt|placeholder|summary)\s*=\s*"([^"{]*)"/g;
/** Macro parameters whose value is shown to the reader. */
const shownParameters =
  /\b(text|html|titleText|descriptionText|label|legend|hint|caption|heading|headingText|summaryText|visuallyHiddenText|navigationLabel|menuButtonText|buttonText|pageTitle|title|countMessage|message)\s*:\s*(["'])((?:\\.|(?!\2).)*)\2/g;

/** A `{{ }}` or `{% %}` tag, read past its quoted strings: `t("Area {{number}}", ...)` holds a `}}` of its own. */
const templateTags =
  /\{\{(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[^"'}]|\}(?!\}))*\}\}|\{%(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[^"'%]|%(?!\}))*%\}/g;

export function untranslatedIn(path: string): Problems['untranslated'] {
  const file = relative(root, path);
  const text = readFileSync(path, 'utf8');
  const found: Problems['untranslated'] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  // Comments say nothing to the reader.
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  const withoutComments = text.replace(/\{#[\s\S]*?#\}/g, blank);

  // Inside {{ }} and {% %}: a shown parameter given as a literal, or `{% set pageTitle = "..." %}`.
  for (const tag of withoutComments.matchAll(templateTags)) {
    const body = tag[0];
    for (const parameter of body.matchAll(shownParameters)) {
      const value = unescape(parameter[3]!);
      if (isWords(value)) found.push({ file, line: lineOf(tag.index + parameter.index), text: value });
    }
    const set = /^\{%-?\s*set\s+(pageTitle|title|heading|caption)\s*=\s*(["'])((?:\\.|(?!\2).)*)\2/.exec(body);
    if (set && isWords(set[3]!)) found.push({ file, line: lineOf(tag.index), text: set[3]! });
  }

  // Outside the tags: the page's own words, and the words in attributes a reader meets.
  const outside = withoutComments.replace(templateTags, blank);
  for (const attribute of outside.matchAll(readAttributes))
    if (isWords(attribute[2]!)) found.push({ file, line: lineOf(attribute.index), text: attribute[2]! });
  const words = outside.replace(/<(script|style)[\s\S]*?<\/\1>/g, blank).replace(/<[^>]*>/g, blank);
  for (const run of words.matchAll(/[^\s][^\n]*/g)) {
    const value = run[0].trim();
    if (isWords(value)) found.push({ file, line: lineOf(run.index), text: value });
  }
  return found;
}

/**
 * `--fill-en <folder>`: adds to <folder>/locales/en.json each message asked for in <folder> that English does not
 * hold yet, as itself (an English key is its own English text). Welsh is never filled in: a person writes it.
 */
function fillEnglish(folder: string) {
  const catalogue = loadCatalogue(srcRoot + '/');
  const asked = keysAsked([...filesUnder(join(root, folder), '.njk'), ...filesUnder(join(root, folder), '.ts')]);
  const path = join(root, folder, 'locales', 'en.json');
  let held: Record<string, string> = {};
  try {
    held = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch {
    mkdirSync(join(root, folder, 'locales'), { recursive: true });
  }
  let added = 0;
  for (const key of asked.keys()) {
    if (key in catalogue.messages.en || `${key}_other` in catalogue.messages.en || key in held) continue;
    held[key] = key;
    added += 1;
  }
  writeFileSync(path, `${JSON.stringify(held, null, 2)}\n`);
  console.log(`${added} English messages added to ${relative(root, path)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === '--fill-en') {
  fillEnglish(process.argv[3] ?? 'src/platform/web');
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = check();
  const only = process.argv[2];
  const keep = (file: string) => !only || file.includes(only);
  for (const item of problems.missing.filter((m) => keep(m.where)))
    console.log(`missing in ${item.language}: ${JSON.stringify(item.key)} (asked for in ${item.where})`);
  if (!only) {
    for (const item of problems.unmatched)
      console.log(`held in one language only, missing in ${item.language}: ${JSON.stringify(item.key)}`);
    for (const key of problems.unused) console.log(`held but not used: ${JSON.stringify(key)}`);
    for (const item of problems.conflicting)
      console.log(`held with different Welsh in ${item.files.join(', ')}: ${JSON.stringify(item.key)}`);
  }
  for (const item of problems.untranslated.filter((u) => keep(u.file)))
    console.log(`not translated: ${item.file}:${item.line}: ${item.text}`);
  const count =
    problems.missing.length +
    problems.unmatched.length +
    problems.unused.length +
    problems.untranslated.length +
    problems.conflicting.length;
  console.log(count === 0 ? 'The catalogues are complete.' : `${count} problems in all (before any filter).`);
}
