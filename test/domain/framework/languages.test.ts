import { describe, expect, it } from 'vitest';
import { parseFramework } from '../../../src/domain/framework/load.js';
import { frameworkTexts } from '../../../src/domain/framework/languages.js';
import type { FrameworkFile } from '../../../src/domain/framework/schema.js';
import { getFramework } from '../../../src/platform/framework-registry.js';

/** A framework file's own words in other languages: claimed, complete, or refused naming what is missing. */

const file2018 = (): FrameworkFile => structuredClone(getFramework('hmip-youth-2018').file);

/** Every text of the file "translated" as `cy:<English>`, keeping its placeholders. */
const allWelsh = (file: FrameworkFile) =>
  Object.fromEntries(frameworkTexts(file).map(({ text }) => [text, `cy:${text}`]));

const refusal = (raw: unknown) => {
  try {
    parseFramework(raw, 'test.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
};

describe("a framework file's languages", () => {
  it('a file that claims none holds English only', () => {
    const framework = getFramework('hmip-youth-2018');
    expect(framework.languages).toEqual(['en']);
    expect(framework.translations).toEqual({});
  });

  it('the 2021 framework claims Welsh, holds every text in it, and is marked for review by a Welsh speaker', () => {
    const framework = getFramework('hmip-youth-2021');
    expect(framework.languages).toEqual(['en', 'cy']);
    const welsh = framework.translations.cy!;
    for (const { text } of frameworkTexts(framework.file)) expect(welsh[text], text).toBeTruthy();
    expect(welsh['Governance and leadership']).toBe('Llywodraethu ac arweinyddiaeth');
    expect(welsh['Court disposals']).toBe('Gwarediadau llys');
    expect(framework.ratingScale.map((r) => welsh[r.rating])).toEqual([
      'Rhagorol',
      'Da',
      'Angen gwelliant',
      'Annigonol',
    ]);
    expect(framework.file.review?.cy?.reviewed).toBe(false);
  });

  it('a file that claims cy with every text translated is accepted, its rating rules unchanged', () => {
    const file = file2018();
    const framework = parseFramework({ ...file, languages: ['en', 'cy'], translations: { cy: allWelsh(file) } }, 'x');
    expect(framework.languages).toEqual(['en', 'cy']);
    expect(framework.translations.cy!['Governance and leadership']).toBe('cy:Governance and leadership');
    const english = getFramework('hmip-youth-2018');
    expect(framework.standards).toEqual(english.standards);
    expect(framework.overallBands).toEqual(english.overallBands);
    expect(framework.maxScore).toBe(english.maxScore);
  });

  it('a file that claims cy but lacks texts is refused, naming the JSON path of each missing one', () => {
    const file = file2018();
    const welsh = allWelsh(file);
    const prompt = file.domains[1]!.standards[0]!.keyQuestions[2]!.prompts![1]!.text;
    const title = file.domains[0]!.standards[1]!.title;
    delete welsh[prompt];
    delete welsh[title];
    const message = refusal({ ...file, languages: ['en', 'cy'], translations: { cy: welsh } });
    expect(message).toContain('$.domains[1].standards[0].keyQuestions[2].prompts[1].text has no Welsh (cy)');
    expect(message).toContain('$.domains[0].standards[1].title has no Welsh (cy)');
    expect(message).not.toContain('$.domains[0].standards[0].title');
  });

  it('a file that claims cy and holds no Welsh at all is refused, naming its texts', () => {
    const message = refusal({ ...file2018(), languages: ['en', 'cy'] });
    expect(message).toContain('$.title has no Welsh (cy)');
    expect(message).toContain('$.ratingScale[0].rating has no Welsh (cy)');
    expect(message).toContain('$.keyQuestionBands.bands[1].label has no Welsh (cy)');
    expect(message).toContain('$.caseDomains[0].label has no Welsh (cy)');
    expect(message).toContain('$.report.titles.inspection has no Welsh (cy)');
  });

  it('Welsh held without the claim, a stale translation or a lost placeholder is refused', () => {
    const file = file2018();
    expect(refusal({ ...file, translations: { cy: allWelsh(file) } })).toContain(
      '$.translations.cy: the file holds Welsh texts but does not claim "cy" in languages',
    );
    expect(refusal({ ...file, languages: ['cy'] })).toContain('$.languages: must include "en"');
    const stale = { ...allWelsh(file), 'Governance and leadership (old)': 'Hen' };
    expect(refusal({ ...file, languages: ['en', 'cy'], translations: { cy: stale } })).toContain(
      '$.translations.cy["Governance and leadership (old)"] matches no text of the framework',
    );
    const template = file.discretion.noteTemplate;
    const lost = { ...allWelsh(file), [template]: 'Defnyddiwyd disgresiwn proffesiynol' };
    expect(refusal({ ...file, languages: ['en', 'cy'], translations: { cy: lost } })).toMatch(
      /\$\.translations\.cy\[".*"\] must keep the placeholders of the English \(.*\{rating\}.*\)/,
    );
  });

  it('the texts are the words shown, not ids, rule names or references to a rating', () => {
    const texts = frameworkTexts(file2018());
    const paths = texts.map((t) => t.path.join('.'));
    expect(paths).toContain('domains.1.standards.0.keyQuestions.0.prompts.0.text');
    expect(paths).toContain('report.disposalGroups.court.0.one');
    expect(paths.some((p) => p.startsWith('report.disposalGroups.court.0.disposals'))).toBe(false);
    expect(paths.some((p) => p.startsWith('report.sectionsAfterStandard'))).toBe(false);
    expect(paths.some((p) => p.startsWith('overallBands') || p.endsWith('.id') || p.startsWith('sources'))).toBe(false);
  });
});
