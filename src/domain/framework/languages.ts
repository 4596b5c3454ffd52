import { InputError, jsonPath } from '../input/input-error.js';
import type { FrameworkFile, FrameworkLanguage } from './schema.js';

/** One of the framework's own words a reader sees: where it is in the file and its English text. */
export interface FrameworkText {
  path: PropertyKey[];
  text: string;
}

/** A language's name in English, for the loader's messages. */
const languageNames: Record<FrameworkLanguage, string> = { en: 'English', cy: 'Welsh' };

/**
 * Every text of a framework file that a page, a form or a report shows: the title and publisher, the rating
 * words, band labels, case domains, disposal types, case factors and applicability labels, the domains,
 * standards, key questions and prompts, the sampling rule's strata and the report's words. Ids, rule names,
 * references to a rating (`bands[].rating`, `overallBands[].rating`: the scale's words again) and the sources
 * (where the file was drawn from) are not texts.
 */
export function frameworkTexts(file: FrameworkFile): FrameworkText[] {
  const texts: FrameworkText[] = [];
  const add = (path: PropertyKey[], text: string | undefined) => {
    if (text !== undefined) texts.push({ path, text });
  };
  add(['title'], file.title);
  add(['publisher'], file.publisher);
  file.ratingScale.forEach((r, i) => add(['ratingScale', i, 'rating'], r.rating));
  file.keyQuestionBands.bands.forEach((b, i) => add(['keyQuestionBands', 'bands', i, 'label'], b.label));
  add(['discretion', 'noteTemplate'], file.discretion.noteTemplate);
  file.caseDomains.forEach((c, i) => add(['caseDomains', i, 'label'], c.label));
  file.disposalTypes.forEach((d, i) => add(['disposalTypes', i, 'label'], d.label));
  file.caseFactors.forEach((f, i) => add(['caseFactors', i, 'label'], f.label));
  file.applicability.forEach((a, i) => add(['applicability', i, 'label'], a.label));
  file.domains.forEach((d, di) => {
    add(['domains', di, 'title'], d.title);
    add(['domains', di, 'footnote'], d.footnote);
    d.standards.forEach((s, si) => {
      const path = ['domains', di, 'standards', si];
      add([...path, 'title'], s.title);
      add([...path, 'statement'], s.statement);
      s.keyQuestions.forEach((kq, ki) => {
        add([...path, 'keyQuestions', ki, 'text'], kq.text);
        kq.prompts?.forEach((p, pi) => add([...path, 'keyQuestions', ki, 'prompts', pi, 'text'], p.text));
      });
    });
  });
  file.sampling?.stratifiedBy.forEach((s, i) => add(['sampling', 'stratifiedBy', i], s));
  if (file.report) reportTexts(file.report, ['report'], add);
  return texts;
}

/** Every string of the report's words, but the disposal ids of `disposalGroups` and the section names. */
function reportTexts(value: unknown, path: PropertyKey[], add: (path: PropertyKey[], text: string) => void): void {
  const key = path.at(-1);
  if (path.at(-2) === 'disposalGroups' || key === 'sectionsAfterStandard') {
    if (path.at(-2) === 'disposalGroups' && Array.isArray(value))
      value.forEach((group: { one: string; many: string }, i) => {
        add([...path, i, 'one'], group.one);
        add([...path, i, 'many'], group.many);
      });
    return;
  }
  if (typeof value === 'string') add(path, value);
  else if (Array.isArray(value)) value.forEach((item, i) => reportTexts(item, [...path, i], add));
  else if (value !== null && typeof value === 'object')
    for (const [name, item] of Object.entries(value)) reportTexts(item, [...path, name], add);
}

const placeholdersOf = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[0])
    .sort()
    .join(', ');

/**
 * The languages the file holds its words in: English always, and each language it claims, checked complete.
 * A claimed language without a translation for a text is refused, naming every such text's JSON path; so is a
 * translation held for a language the file does not claim, one that matches no text of the file (its English
 * changed since), and one that drops or adds a {placeholder} the report fills in.
 */
export function checkLanguages(file: FrameworkFile, source: string): FrameworkLanguage[] {
  const claimed = file.languages ?? ['en'];
  if (!claimed.includes('en'))
    throw new InputError(source, '$.languages', 'must include "en": the texts of the file are English');
  claimed.forEach((language, i) => {
    if (claimed.indexOf(language) !== i)
      throw new InputError(source, jsonPath(['languages', i]), `"${language}" is listed twice`);
  });
  const translations = file.translations ?? {};
  for (const language of Object.keys(translations) as FrameworkLanguage[]) {
    if (language === 'en')
      throw new InputError(
        source,
        '$.translations.en',
        'the texts of the file are the English: hold translations only for other languages',
      );
    if (!claimed.includes(language))
      throw new InputError(
        source,
        jsonPath(['translations', language]),
        `the file holds ${languageNames[language]} texts but does not claim "${language}" in languages`,
      );
  }
  const texts = frameworkTexts(file);
  const problems: string[] = [];
  for (const language of claimed) {
    if (language === 'en') continue;
    const held = translations[language] ?? {};
    for (const { path, text } of texts)
      if (held[text] === undefined) problems.push(`${jsonPath(path)} has no ${languageNames[language]} (${language})`);
    const english = new Set(texts.map((t) => t.text));
    for (const [text, translation] of Object.entries(held)) {
      const where = jsonPath(['translations', language, text]);
      if (!english.has(text)) problems.push(`${where} matches no text of the framework`);
      else if (placeholdersOf(text) !== placeholdersOf(translation))
        problems.push(`${where} must keep the placeholders of the English (${placeholdersOf(text) || 'none'})`);
    }
  }
  if (problems.length > 0) throw new InputError(source, '', problems.join('; '));
  return claimed;
}
