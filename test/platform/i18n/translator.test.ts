import { describe, expect, it } from 'vitest';
import { createTranslator, withLanguage } from '../../../src/platform/i18n/index.js';
import type { Catalogue } from '../../../src/platform/i18n/catalogue.js';

const catalogue: Catalogue = {
  messages: {
    en: {
      Save: 'Save',
      'Enter a number from {{min}} to {{max}}': 'Enter a number from {{min}} to {{max}}',
      'Only {{who}} may do this': 'Only {{who}} may do this',
      'the lead inspector': 'the lead inspector',
      '{{count}} cases_one': '{{count}} case',
      '{{count}} cases_other': '{{count}} cases',
    },
    cy: {
      Save: 'Cadw',
      'Enter a number from {{min}} to {{max}}': 'Rhowch rif o {{min}} i {{max}}',
      'Only {{who}} may do this': 'Dim ond {{who}} a gaiff wneud hyn',
      'the lead inspector': 'yr arolygydd arweiniol',
      '{{count}} cases_zero': '{{count}} achosion',
      '{{count}} cases_one': '{{count}} achos',
      '{{count}} cases_two': '{{count}} achos',
      '{{count}} cases_few': '{{count}} achos',
      '{{count}} cases_many': '{{count}} achos',
      '{{count}} cases_other': '{{count}} achos',
    },
  },
  files: { en: {}, cy: {} },
  review: [],
};
const { t } = createTranslator(catalogue);

describe('the translator', () => {
  it('shows the English sentence, which is its own key, outside any Welsh page', () => {
    expect(t('Save')).toBe('Save');
    expect(t('{{count}} cases', { count: 1 })).toBe('1 case');
    expect(t('{{count}} cases', { count: 4 })).toBe('4 cases');
    expect(t('Not in any catalogue')).toBe('Not in any catalogue');
  });

  it('shows the Welsh on a Welsh page, with the Welsh plural form', () => {
    withLanguage('cy', () => {
      expect(t('Save')).toBe('Cadw');
      expect(t('{{count}} cases', { count: 3 })).toBe('3 achos');
      expect(t('{{count}} cases', { count: 0 })).toBe('0 achosion');
    });
  });

  it('finds a finished English sentence among the messages with placeholders, and translates its values too', () => {
    withLanguage('cy', () => {
      expect(t('Enter a number from 1 to 40')).toBe('Rhowch rif o 1 i 40');
      expect(t('Only the lead inspector may do this')).toBe('Dim ond yr arolygydd arweiniol a gaiff wneud hyn');
      expect(t('12 cases')).toBe('12 achos');
    });
  });

  it('keeps a sentence it does not hold in English, rather than showing nothing', () => {
    withLanguage('cy', () => expect(t('A sentence nobody translated')).toBe('A sentence nobody translated'));
  });

  it('takes the language from `lng` when given', () => {
    expect(t('Save', { lng: 'cy' })).toBe('Cadw');
    withLanguage('cy', () => expect(t('Save', { lng: 'en' })).toBe('Save'));
  });
});

describe('messages that come with data', () => {
  it('translates a framework’s own words once they are added, and only in that language', () => {
    const own = createTranslator({
      ...catalogue,
      messages: { en: { ...catalogue.messages.en }, cy: { ...catalogue.messages.cy } },
    });
    own.addMessages('cy', { Assessment: 'Asesu' });
    withLanguage('cy', () => expect(own.t('Assessment')).toBe('Asesu'));
    expect(own.t('Assessment')).toBe('Assessment');
  });
});

describe('a count in a finished sentence', () => {
  it('is a number: a sentence that only looks like a plural message is left as it is', () => {
    withLanguage('cy', () => expect(t('All cases')).toBe('All cases'));
  });
});

describe('a sentence of joints alone', () => {
  const joints = createTranslator({
    messages: {
      en: { ...catalogue.messages.en, '{{first}}, {{next}}': '{{first}}, {{next}}', 'or {{last}}': 'or {{last}}' },
      cy: { ...catalogue.messages.cy, '{{first}}, {{next}}': '{{first}}, {{next}}', 'or {{last}}': 'neu {{last}}' },
    },
    files: { en: {}, cy: {} },
    review: [],
  });
  it('translates the words of a list inside a sentence, but leaves a whole text with a comma as it is', () => {
    withLanguage('cy', () => {
      expect(joints.t('Only the lead inspector, the lead inspector may do this')).toBe(
        'Dim ond yr arolygydd arweiniol, yr arolygydd arweiniol a gaiff wneud hyn',
      );
      expect(joints.t('Cardiff YJS, Save')).toBe('Cardiff YJS, Save');
    });
  });
});

describe('a number, an id or a reference in a finished sentence', () => {
  const ids = createTranslator({
    messages: {
      en: { ...catalogue.messages.en, '{{id}} cases': '{{id}} cases' },
      cy: { ...catalogue.messages.cy, '{{id}} cases': 'Achosion {{id}}' },
    },
    files: { en: {}, cy: {} },
    review: [],
  });
  it('holds a digit and no space: words that end the same way are left as written', () => {
    withLanguage('cy', () => {
      expect(ids.t('2.1.1 cases')).toBe('Achosion 2.1.1');
      expect(ids.t('should be considered in appropriate cases')).toBe('should be considered in appropriate cases');
    });
  });
});

describe('a date inside a matched sentence', () => {
  it('is written in Welsh on a Welsh page', () => {
    const dated = createTranslator({
      messages: {
        en: { ...catalogue.messages.en, 'Due on {{date}}': 'Due on {{date}}' },
        cy: { ...catalogue.messages.cy, 'Due on {{date}}': 'I’w gwblhau ar {{date}}' },
      },
      files: { en: {}, cy: {} },
      review: [],
    });
    withLanguage('cy', () => expect(dated.t('Due on 16 January 2023')).toBe('I’w gwblhau ar 16 Ionawr 2023'));
    expect(dated.t('Due on 16 January 2023')).toBe('Due on 16 January 2023');
  });
});

describe('a message with values', () => {
  // The translator fills a message's placeholders itself when that is all i18next would do: on the whole
  // catalogue, in both languages, its answer is i18next's own, with values of every kind a page passes.
  const shared = createTranslator();
  const messages = Object.keys(shared.catalogue.messages.en).filter((key) => key.includes('{{'));
  const placeholders = (key: string) => [...key.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
  const kinds: ((name: string, i: number) => unknown)[] = [
    (name) => `<${name}> $& $1 {{other}} $t(Save)`,
    (_name, i) => i * 7 - 3,
    (_name, i) => (i % 2 ? null : undefined),
    () => 'Cadw',
  ];

  it('is filled in as i18next fills it, for every message of the catalogue', () => {
    expect(messages.length).toBeGreaterThan(100);
    for (const language of ['en', 'cy'] as const)
      for (const key of messages.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))
        for (const kind of kinds) {
          const values = Object.fromEntries(placeholders(key).map((name, i) => [name, kind(name, i)]));
          const expected = shared.i18n.t(key, { ...values, lng: language });
          expect(
            withLanguage(language, () => shared.t(key, values)),
            `${language}: ${key}`,
          ).toBe(expected);
        }
  });

  it('leaves to i18next a value without a placeholder, and a placeholder without a value', () => {
    const { t: own } = createTranslator(catalogue);
    expect(own('Enter a number from {{min}} to {{max}}', { min: 1 })).toBe('Enter a number from 1 to {{max}}');
    expect(own('Only {{who}} may do this', { who: 'you', count: 2 })).toBe('Only you may do this');
    withLanguage('cy', () =>
      expect(own('Only {{who}} may do this', { who: 'chi' })).toBe('Dim ond chi a gaiff wneud hyn'),
    );
  });
});
