import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFramework } from '../../../src/domain/framework/load.js';
import { frameworkIds, getFramework } from '../../../src/platform/framework-registry.js';
import type { FrameworkFile } from '../../../src/domain/framework/schema.js';
import { rateInspection } from '../../../src/domain/rating/index.js';

const file2021 = getFramework('hmip-youth-2021').file;
const copy = (): FrameworkFile => structuredClone(file2021);

describe('the shipped framework versions', () => {
  it('are 2018 (Merton) and 2021', () => {
    expect(frameworkIds()).toEqual(['hmip-youth-2018', 'hmip-youth-2021']);
  });

  it('2018: twelve standards in the overall score, 3.4 Joint working case-based with 3.4.2 for youth conditional cautions only', () => {
    const framework = getFramework('hmip-youth-2018');
    expect(framework.standards.map((s) => s.id)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
    ]);
    expect(framework.standards.every((s) => s.inOverallScore)).toBe(true);
    expect(framework.maxScore).toBe(36);
    const s34 = framework.standardById.get('3.4')!;
    expect([s34.title, s34.assessment]).toEqual(['Joint working', 'caseBased']);
    expect(s34.keyQuestions.map((kq) => kq.appliesTo!.id)).toEqual(['allCases', 'youthConditionalCautionOnly']);
  });

  it('2021: 3.4 and 4.1 judged, 4.1 outside the overall score, which is still out of 36', () => {
    const framework = getFramework('hmip-youth-2021');
    expect(framework.standardById.get('3.4')).toMatchObject({
      title: 'Out-of-court disposal policy and provision',
      assessment: 'judged',
      inOverallScore: true,
    });
    expect(framework.standardById.get('4.1')).toMatchObject({
      title: 'Resettlement policy and provision',
      assessment: 'judged',
      inOverallScore: false,
    });
    expect(framework.maxScore).toBe(36);
  });

  it('2021 marks every prompt whose text comes from 2018', () => {
    const framework = getFramework('hmip-youth-2021');
    const prompts = [...framework.promptById.values()].map((p) => p.prompt);
    expect(prompts.length).toBeGreaterThan(80);
    expect(prompts.every((p) => p.textFrom === 'hmip-youth-2018')).toBe(true);
    const text2018 = new Map([...getFramework('hmip-youth-2018').promptById].map(([id, p]) => [id, p.prompt.text]));
    for (const prompt of prompts) expect(prompt.text).toBe(text2018.get(prompt.id));
  });

  it('every key question and prompt Merton prints is in 2018, and nothing else is in domains two and three', () => {
    const merton = JSON.parse(
      readFileSync(new URL('../../fixtures/merton-published-figures.json', import.meta.url), 'utf8'),
    ) as {
      keyQuestions: object;
      prompts: object;
    };
    const framework = getFramework('hmip-youth-2018');
    const caseBasedKeyQuestions = [...framework.keyQuestionById]
      .filter(([, kq]) => kq.standard.assessment === 'caseBased')
      .map(([id]) => id);
    expect(caseBasedKeyQuestions).toEqual(Object.keys(merton.keyQuestions));
    expect([...framework.promptById.keys()]).toEqual(Object.keys(merton.prompts));
  });
});

describe('a broken framework file is refused with a precise message', () => {
  it.each<[string, (f: FrameworkFile) => void, string]>([
    ['a missing title', (f) => delete (f as Partial<FrameworkFile>).title, 'test.json: $.title: is required'],
    [
      'an unknown key',
      (f) => Object.assign(f.domains[0]!, { colour: 'red' }),
      'test.json: $.domains[0].colour: unknown field',
    ],
    [
      'an empty statement',
      (f) => (f.domains[1]!.standards[0]!.statement = ' '),
      'test.json: $.domains[1].standards[0].statement: must not be empty',
    ],
    [
      'a duplicate standard id',
      (f) => (f.domains[1]!.standards[1]!.id = '2.1'),
      'test.json: $.domains[1].standards[1].id: duplicate id "2.1"',
    ],
    [
      'a key question numbered under another standard',
      (f) => (f.domains[1]!.standards[0]!.keyQuestions[0]!.id = '2.2.9'),
      'test.json: $.domains[1].standards[0].keyQuestions[0].id: "2.2.9" must be numbered under "2.1"',
    ],
    [
      'an unknown applicability',
      (f) => (f.domains[1]!.standards[0]!.keyQuestions[0]!.appliesTo = 'sometimes'),
      'test.json: $.domains[1].standards[0].keyQuestions[0].appliesTo: unknown applicability "sometimes"',
    ],
    [
      'a case-based key question without applicability',
      (f) => delete f.domains[1]!.standards[0]!.keyQuestions[0]!.appliesTo,
      'test.json: $.domains[1].standards[0].keyQuestions[0].appliesTo: key question 2.1.1 of a case-based standard needs appliesTo',
    ],
    [
      'bands out of order',
      (f) => f.keyQuestionBands.bands.reverse(),
      'test.json: $.keyQuestionBands.bands[1].minPercent: bands must be listed highest first',
    ],
    [
      'a band with an unknown rating',
      (f) => (f.keyQuestionBands.bands[0]!.rating = 'Excellent'),
      'test.json: $.keyQuestionBands.bands[0].rating: unknown rating "Excellent"',
    ],
    [
      'a lowest band above 0',
      (f) => (f.keyQuestionBands.bands[3]!.minPercent = 10),
      'test.json: $.keyQuestionBands.bands[3].minPercent: the lowest band must start at 0',
    ],
    [
      'an unknown rounding',
      (f) => Object.assign(f.keyQuestionBands, { rounding: 'bankers' }),
      'test.json: $.keyQuestionBands.rounding: "bankers" is not one of halfUp, down',
    ],
    [
      'an overall band above the maximum',
      (f) => (f.overallBands[0]!.minScore = 40),
      'test.json: $.overallBands[0].minScore: 40 is above the maximum score 36',
    ],
    [
      'an applicability on an unknown case factor',
      (f) => Object.assign(f.applicability[1]!.when, { factor: 'weather' }),
      'test.json: $.applicability[1].when.factor: unknown case factor "weather"',
    ],
    [
      'a disposal of an unknown case domain',
      (f) => (f.disposalTypes[0]!.caseDomain = 'civil'),
      'test.json: $.disposalTypes[0].caseDomain: unknown case domain "civil"',
    ],
    [
      'a case-based standard in a domain without cases',
      (f) => (f.domains[0]!.standards[0]!.assessment = 'caseBased'),
      'test.json: $.domains[0].standards[0].assessment: case-based standard 1.1 is in domain 1, which has no caseDomain',
    ],
    [
      'a discretion note without the rating',
      (f) => (f.discretion.noteTemplate = 'Discretion applied.'),
      'test.json: $.discretion.noteTemplate: must contain {rating}',
    ],
  ])('%s', (_name, breakIt, message) => {
    const file = copy();
    breakIt(file);
    expect(() => parseFramework(file, 'test.json')).toThrow(message);
  });

  it('names an unknown framework id and the known ones', () => {
    expect(() => getFramework('hmip-youth-2019')).toThrow(
      'unknown framework "hmip-youth-2019" (known: hmip-youth-2018, hmip-youth-2021)',
    );
  });
});

describe('a new framework version is data, not code', () => {
  // Shaped like the 2025 standards: one court-work standard instead of four, and a new victims standard.
  const file = copy();
  file.id = 'example-2025';
  // In English only: its new texts have no Welsh yet (a file that claims cy must hold them all: languages.test.ts).
  delete file.languages;
  delete file.translations;
  delete file.review;
  file.domains[1]!.standards = [
    {
      id: '2.1',
      title: 'Court disposals',
      statement: 'Work with children on court disposals supports desistance and safety.',
      assessment: 'caseBased',
      inOverallScore: true,
      keyQuestions: [
        { id: '2.1.1', text: 'Does the work support desistance?', appliesTo: 'allCases' },
        { id: '2.1.2', text: 'Does the work keep the child safe?', appliesTo: 'childSafetyFactors' },
      ],
    },
  ];
  file.domains.push({
    id: '5',
    title: 'Victims',
    standards: [
      {
        id: '5.1',
        title: 'Victims',
        statement: 'Victims are offered a high-quality service.',
        assessment: 'judged',
        inOverallScore: true,
        keyQuestions: [],
      },
    ],
  });
  file.overallBands = [
    { minScore: 25, rating: 'Outstanding' },
    { minScore: 15, rating: 'Good' },
    { minScore: 6, rating: 'Requires improvement' },
    { minScore: 0, rating: 'Inadequate' },
  ];

  it('loads and rates with the same engine', () => {
    const framework = parseFramework(file, 'example-2025.json');
    expect(framework.maxScore).toBe(30); // 1.1-1.4, 2.1, 3.1-3.4, 5.1
    const judgements = Object.fromEntries(
      framework.standards.filter((s) => s.assessment === 'judged').map((s) => [s.id, 'Good']),
    );
    const keyQuestionFigures = Object.fromEntries(
      framework.standards
        .filter((s) => s.assessment === 'caseBased')
        .map((s) => [s.id, s.keyQuestions.map(() => ({ relevant: 10, yes: 9 }))]),
    );
    const result = rateInspection(framework, { keyQuestionFigures, cases: [], judgements, discretion: {} });
    expect(result.standards.map((s) => s.id)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '4.1',
      '5.1',
    ]);
    expect([result.score, result.maxScore, result.overall]).toEqual([24, 30, 'Good']);
  });
});
