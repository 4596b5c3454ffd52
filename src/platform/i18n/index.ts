/**
 * The interface in English and Welsh (docs/welsh.md). i18next holds the catalogues; the keys are the English
 * sentences themselves, so a page reads as it did and an English message needs no entry to be shown. The
 * request's language is kept in an AsyncLocalStorage, so a template, a macro, an email or a PDF rendered for
 * that request finds it without passing it around; `withLanguage` sets it outside a request (a Welsh report).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import i18next, { type i18n as I18n } from 'i18next';
import { LanguageDetector } from 'i18next-http-middleware';
import { isLanguage, loadCatalogue, type Catalogue, type Language } from './catalogue.js';
import { monthNamesIn } from '../../domain/dates.js';

export { isLanguage, languageNames, languages, type Language, type ReviewMark } from './catalogue.js';

const languageStore = new AsyncLocalStorage<{ language: Language }>();

/** Runs `work` with `language` as the language of everything it renders or translates. */
export const withLanguage = <T>(language: Language, work: () => T): T => languageStore.run({ language }, work);

/** The language of the request (or of `withLanguage`) being served; English outside either. */
export const currentLanguage = (): Language => languageStore.getStore()?.language ?? 'en';

export type Values = Record<string, unknown>;

export interface Translator {
  /**
   * The message in the current language (or `values.lng`). `text` is the English sentence, which is its key;
   * `{{name}}` in it takes `values.name`; `values.count` picks the plural form. An English sentence made
   * elsewhere with its values already in it ("Enter a number from 1 to 40") is matched against the
   * catalogue's sentences with placeholders, and its values are translated where they are messages too.
   */
  t(this: void, text: string, values?: Values): string;
  /** Whether the catalogue (or data added with addMessages) holds `text` (or its plural forms) in `language`. */
  has(this: void, text: string, language: Language): boolean;
  /**
   * Messages that come with data rather than with the code: a framework file's own words in Welsh (its titles,
   * key questions, prompts), keyed by their English. Not part of the catalogue check.
   */
  addMessages(this: void, language: Language, messages: Record<string, string>): void;
  /** A plural message's forms in `language`, each with `{{count}}` left in, for the browser's scripts to fill. */
  pluralForms(this: void, text: string, language: Language): Record<string, string>;
  readonly catalogue: Catalogue;
  readonly i18n: I18n;
  /** How many times addMessages was called: what is kept from the messages is kept under it. */
  readonly added: number;
}

interface Pattern {
  key: string;
  regex: RegExp;
  names: string[];
  /** Whether its fixed text holds words enough: "{{first}}, {{next}}" does not, and would match any text with a comma. */
  worded: boolean;
}

const placeholder = /\{\{\s*([\w.]+)\s*\}\}/g;
/** Placeholders that stand for a number, an id or a reference ("2.1.1", "DEMO-C01"), never for words. */
const identifierNames = new Set([
  'id',
  'number',
  'ref',
  'line',
  'version',
  'months',
  'score',
  'max',
  'maxScore',
  'yes',
  'relevant',
  'total',
  'start',
  'end',
]);
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English message with placeholders as a pattern that finds its values in a finished sentence. */
function patternsOf(english: Record<string, string>): Pattern[] {
  const patterns: Pattern[] = [];
  for (const [entry, text] of Object.entries(english)) {
    if (!text.includes('{{')) continue;
    const names: string[] = [];
    let source = '';
    let last = 0;
    for (const match of text.matchAll(placeholder)) {
      // A count is a number, and a number, id or reference holds a digit and no space: "All cases" is not
      // "{{count}} cases", nor "appropriate cases" "{{id}} cases".
      const name = match[1]!;
      const value = name === 'count' ? '(\\d+)' : identifierNames.has(name) ? '([^\\s]*\\d[^\\s]*)' : '(.+?)';
      source += escapeRegex(text.slice(last, match.index)) + value;
      names.push(match[1]!);
      last = match.index + match[0].length;
    }
    source += escapeRegex(text.slice(last));
    // Four letters of its own at least: "{{yes}} of {{relevant}}" or "{{start}} to {{end}}" would take any text
    // with "of" or "to" in it.
    // (A pattern whose every value is a number or an id is narrow whatever its own words.)
    const narrow = names.every((name) => name === 'count' || identifierNames.has(name));
    const worded = narrow || (text.replace(placeholder, '').match(/\p{L}/gu)?.length ?? 0) >= 4;
    patterns.push({ key: entry.replace(pluralSuffix, ''), regex: new RegExp(`^${source}$`, 's'), names, worded });
  }
  // The most specific first: the longest fixed text.
  return patterns.sort((a, b) => b.regex.source.length - a.regex.source.length);
}

/** i18next's placeholder (its prefix and suffix), and what its values may not be named: its own options. */
const i18nextPlaceholder = /\{\{(.+?)\}\}/g;
const optionNames = new Set(['lng', 'count', 'context', 'ordinal', 'replace', 'interpolation', 'defaultValue']);

/**
 * The message with its values filled in as i18next fills it (escapeValue off, skipOnVariables on: each
 * placeholder once, its value as String(), null as empty, never read again for placeholders or nesting), when
 * that is all i18next would do: every placeholder a plain name with its value given, every value given a
 * placeholder of the message, no count (a plural), no option, no nesting in the message. Otherwise undefined,
 * and i18next answers. test/platform/i18n/translator.test.ts checks it against i18next on the whole catalogue.
 */
function filledIn(message: string, values: Values): string | undefined {
  if (/\$t\(/.test(message)) return undefined;
  const names = new Set<string>();
  const filled = message.replace(i18nextPlaceholder, (_whole, inside: string) => {
    const name = inside.trim();
    names.add(name);
    const value = values[name];
    return value === undefined || value === null ? '' : `${value as string | number}`;
  });
  for (const name of names)
    if (!/^\w+$/.test(name) || optionNames.has(name) || !Object.hasOwn(values, name)) return undefined;
  // Each value has its placeholder in the message: none is an option to i18next.
  for (const name of Object.keys(values)) if (name !== 'lng' && !names.has(name)) return undefined;
  return names.size ? filled : undefined;
}

const englishMonth = new RegExp(`\\b(${monthNamesIn.en.join('|')})( \\d{4})\\b`, 'g');
/** A date an English sentence wrote ("16 January 2023", "March 2024") in the page's language. */
const datesIn = (value: string, language: Language) =>
  language === 'cy'
    ? value.replace(englishMonth, (_whole, month: string, year: string) => {
        const index = (monthNamesIn.en as readonly string[]).indexOf(month);
        return `${monthNamesIn.cy[index]!}${year}`;
      })
    : value;

export function createTranslator(catalogue: Catalogue = loadCatalogue()): Translator {
  const i18n = i18next.createInstance();
  // On a page: ?lang= (the toggle), then the user's own choice, then the cookie the toggle left, then English.
  const detector = new LanguageDetector();
  detector.addDetector({
    name: 'userPreference',
    lookup: (req: { actor?: { language?: string | null } }) => req.actor?.language ?? undefined,
  });
  void i18n.use(detector).init({
    detection: {
      order: ['querystring', 'userPreference', 'cookie'],
      lookupQuerystring: 'lang',
      lookupCookie: 'lang',
      caches: false,
    },
    initAsync: false,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: ['en', 'cy'],
    resources: { en: { translation: catalogue.messages.en }, cy: { translation: catalogue.messages.cy } },
    // The keys are sentences: no nesting, no namespaces in them.
    keySeparator: false,
    nsSeparator: false,
    // Nunjucks escapes what a template prints; a message is text, never markup.
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    showSupportNotice: false,
  } as Parameters<I18n['init']>[0]);

  const patterns = patternsOf(catalogue.messages.en);
  const fromData: Record<Language, Record<string, string>> = { en: {}, cy: {} };
  let added = 0;
  const held = (text: string, language: Language) => {
    const messages = catalogue.messages[language];
    return text in messages || `${text}_other` in messages || `${text}_one` in messages || text in fromData[language];
  };
  function addMessages(language: Language, messages: Record<string, string>) {
    Object.assign(fromData[language], messages);
    i18n.addResources(language, 'translation', messages);
    added += 1;
  }

  const t = (text: string, values: Values = {}): string => translate(text, values, false);

  /**
   * `within`: the text is a value found inside a matched sentence (the list of roles in a refusal), where a
   * pattern of joints alone ("{{first}}, {{next}}") may match; a whole text never matches one, so a name
   * with a comma in it ("Cardiff YJS, Mock inspection") is left as it is.
   */
  function translate(text: string, values: Values, within: boolean): string {
    if (typeof text !== 'string') return text === undefined || text === null ? '' : String(text);
    const language = isLanguage(values.lng) ? values.lng : currentLanguage();
    // The common case without i18next's machinery (a page asks for hundreds): a plain message, no values.
    const plain = catalogue.messages[language][text] ?? fromData[language][text];
    if (plain !== undefined && !plain.includes('{{') && Object.keys(values).every((name) => name === 'lng'))
      return plain;
    // A message with values, filled as i18next fills it, without its machinery (several hundred on a page).
    const filled = plain ? filledIn(plain, values) : undefined;
    if (filled !== undefined) return filled;
    if (held(text, 'en') || held(text, language)) return i18n.t(text, { ...values, lng: language });
    if (language === 'en' || Object.keys(values).length > 0) return interpolate(text, values);
    for (const pattern of patterns) {
      if (!pattern.worded && !within) continue;
      const match = pattern.regex.exec(text);
      if (!match) continue;
      const found: Values = {};
      pattern.names.forEach((name, index) => {
        const value = match[index + 1]!;
        // A value is translated too: a message itself, or a sentence made of messages (a list of role words).
        // A date in it ("16 January 2023") is written in the page's language.
        if (/^\d+$/.test(value)) found[name] = Number(value);
        else if (value.length < text.length) found[name] = datesIn(translate(value, {}, true), language);
        else found[name] = value;
      });
      return i18n.t(pattern.key, { ...found, lng: language });
    }
    return text;
  }

  const interpolate = (text: string, values: Values) =>
    text.replace(placeholder, (whole, name: string) => (name in values ? String(values[name]) : whole));

  function pluralForms(text: string, language: Language): Record<string, string> {
    const forms: Record<string, string> = {};
    for (const form of new Intl.PluralRules(language).resolvedOptions().pluralCategories) {
      const message = catalogue.messages[language][`${text}_${form}`] ?? catalogue.messages.en[`${text}_${form}`];
      if (message) forms[form] = message;
    }
    forms.other ??= catalogue.messages[language][`${text}_other`] ?? catalogue.messages.en[`${text}_other`] ?? text;
    return forms;
  }

  return {
    t,
    has: held,
    addMessages,
    pluralForms,
    catalogue,
    i18n,
    get added() {
      return added;
    },
  };
}

let shared: Translator | undefined;
/** The application's translator, from the catalogue files, built on first use. */
export const translator = (): Translator => (shared ??= createTranslator());

/** Translates with the application's translator in the current language. */
export const t = (text: string, values?: Values): string => translator().t(text, values);

/**
 * The words the browser's scripts write (the assessment's draft notices, the session timeout warning), in the
 * page's language, for the layout to put on <body data-app-messages>. Plural messages go as their forms.
 */
export function clientMessages(): Record<string, string | Record<string, string>> {
  const language = currentLanguage();
  const { pluralForms } = translator();
  return {
    answered: t('Every question on this page is answered.'),
    questionsLeft: pluralForms('{{count}} questions left on this page.', language),
    draftSaved: t('Draft saved.'),
    savedElsewhere: t(
      'Someone else saved this case since you opened it. Your changes are on this page, not saved: save the page to compare them with theirs.',
    ),
    notSavedBecause: t('Draft not saved: {{reasons}}', { reasons: '{{reasons}}' }),
    notSavedOffline: t('Draft not saved: your answers stay on this page. Save the page when the connection is back.'),
    signedOutIn: pluralForms(
      'You will be signed out in {{count}} minutes because you have not done anything for a while.',
      language,
    ),
  };
}

const keptClientMessages = new Map<string, string>();
/**
 * clientMessages() as JSON, kept per language: the same on every page until a framework adds its words (and
 * written out on every page, it was a tenth of a small page's time).
 */
export function clientMessagesJson(): string {
  const key = `${currentLanguage()}|${translator().added}`;
  let json = keptClientMessages.get(key);
  if (json === undefined) {
    if (keptClientMessages.size >= 8) keptClientMessages.clear();
    json = JSON.stringify(clientMessages());
    keptClientMessages.set(key, json);
  }
  return json;
}
