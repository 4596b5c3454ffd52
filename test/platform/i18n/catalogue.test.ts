import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../../scripts/i18n-check.js';

/**
 * Both catalogues complete (docs/welsh.md): every message asked for is held in English and in Welsh (all six
 * Welsh plural forms), nothing is held in one language only or held and never used, and no template prints a
 * sentence outside t().
 */
const problems = check();

/** Every folder that shows a page or writes words for one has both catalogues. */
const foldersWithViews = readdirSync('src/features').filter((feature) => existsSync(`src/features/${feature}/views`));
describe('the message catalogues', () => {
  it('are held by every feature that has pages, in English and in Welsh', () => {
    const lacking = foldersWithViews.filter(
      (feature) =>
        !existsSync(`src/features/${feature}/locales/en.json`) ||
        !existsSync(`src/features/${feature}/locales/cy.json`),
    );
    expect(lacking).toEqual([]);
  });

  it('hold every message the code asks for, in English and in Welsh', () => {
    expect(problems.missing).toEqual([]);
  });

  it('hold no message in one language only', () => {
    expect(problems.unmatched).toEqual([]);
  });

  it('give one Welsh to a message held in several folders', () => {
    expect(problems.conflicting).toEqual([]);
  });

  it('hold no message that nothing uses', () => {
    expect(problems.unused).toEqual([]);
  });

  it('leave no sentence outside t() in any template', () => {
    expect(problems.untranslated).toEqual([]);
  });
});

describe('the check itself', () => {
  it('finds a sentence printed outside t(), in the text, in an attribute and in a macro parameter', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { untranslatedIn } = await import('../../../scripts/i18n-check.js');
    const folder = mkdtempSync(`${tmpdir()}/i18n-`);
    const path = `${folder}/page.njk`;
    writeFileSync(
      path,
      [
        '{% set pageTitle = "Cases to assess" %}',
        '<h1>{{ t("Cases") }}</h1>',
        '<p>Choose a case</p>',
        '<a aria-label="Open the case" href="/x">{{ t("Open") }}</a>',
        '{{ govukButton({ text: "Save and continue" }) }}',
        '{{ govukButton({ text: t("Save") }) }}',
        '<p>{{ t("Sent") }} · CSV · yj-inspect</p>',
      ].join('\n'),
    );
    expect(untranslatedIn(path).map((item) => [item.line, item.text])).toEqual([
      [1, 'Cases to assess'],
      [5, 'Save and continue'],
      [4, 'Open the case'],
      [3, 'Choose a case'],
    ]);
  });
});
