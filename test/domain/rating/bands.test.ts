import { describe, expect, it } from 'vitest';
import { parseFramework } from '../../../src/domain/framework/load.js';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { rateInspection } from '../../../src/domain/rating/index.js';

const framework = getFramework('hmip-youth-2021');
const roundingDown = parseFramework(
  { ...framework.file, keyQuestionBands: { ...framework.file.keyQuestionBands, rounding: 'down' } },
  'test',
);

/** Rates 2.1 with the same figure for each of its three key questions. */
function rate21(figure: { relevant: number; yes: number } | { percent: number }, fw = framework) {
  const result = rateInspection(fw, {
    keyQuestionFigures: { '2.1': [figure, figure, figure] },
    cases: [],
    judgements: {},
    discretion: {},
  });
  return result.standards.find((s) => s.id === '2.1')!;
}

describe('key-question bands at their boundaries', () => {
  it.each([
    // yes of relevant, exact %, whole % (half up), rating
    [49, 100, 49, 'Inadequate'],
    [50, 100, 50, 'Requires improvement'],
    [42, 85, 49, 'Inadequate'], // 49.41% rounds down
    [99, 200, 50, 'Requires improvement'], // 49.5% rounds up into the band
    [64, 100, 64, 'Requires improvement'],
    [29, 45, 64, 'Requires improvement'], // 64.44% rounds down
    [11, 17, 65, 'Good'], // 64.71%: Hackney 2.1, published 65% and Good
    [65, 100, 65, 'Good'],
    [79, 100, 79, 'Good'],
    [27, 34, 79, 'Good'], // 79.41% rounds down
    [159, 200, 80, 'Outstanding'], // 79.5% rounds up
    [80, 100, 80, 'Outstanding'],
    [1, 8, 13, 'Inadequate'], // 12.5%, an exact half, rounds up
  ])('%i of %i is %i%%, %s', (yes, relevant, percent, rating) => {
    const standard = rate21({ relevant, yes });
    expect(standard.keyQuestions[0]!.percent).toBe(percent);
    expect(standard.computedRating).toBe(rating);
  });

  it.each([
    [49, 'Inadequate', 'Minority'],
    [50, 'Requires improvement', 'Too few'],
    [64, 'Requires improvement', 'Too few'],
    [65, 'Good', 'Reasonable majority'],
    [79, 'Good', 'Reasonable majority'],
    [80, 'Outstanding', 'Large majority'],
    [0, 'Inadequate', 'Minority'],
    [100, 'Outstanding', 'Large majority'],
  ])('a published %i%% is %s (%s)', (percent, rating, band) => {
    const standard = rate21({ percent });
    expect(standard.computedRating).toBe(rating);
    expect(standard.keyQuestions[0]!.band).toBe(band);
  });

  it.each([
    [11, 17, 64, 'Requires improvement'],
    [99, 200, 49, 'Inadequate'],
    [159, 200, 79, 'Good'],
  ])('a framework that rounds down takes %i of %i as %i%%, %s', (yes, relevant, percent, rating) => {
    const standard = rate21({ relevant, yes }, roundingDown);
    expect(standard.keyQuestions[0]!.percent).toBe(percent);
    expect(standard.computedRating).toBe(rating);
  });
});

describe('a standard takes the band of its lowest key question', () => {
  it('marks the lowest key question as limiting, whatever its position', () => {
    const result = rateInspection(framework, {
      keyQuestionFigures: { '2.2': [{ percent: 76 }, { percent: 53 }, { percent: 65 }] },
      cases: [],
      judgements: {},
      discretion: {},
    });
    const standard = result.standards.find((s) => s.id === '2.2')!;
    expect(standard.limitingKeyQuestion).toBe('2.2.2');
    expect(standard.keyQuestions.map((kq) => kq.limiting)).toEqual([false, true, false]);
    expect(standard.rating).toBe('Requires improvement');
  });

  it('marks every key question tied at the lowest percentage, and names the lowest exact proportion', () => {
    const result = rateInspection(framework, {
      // 2 of 3 (66.7%) and 133 of 200 (66.5%) both print as 67%; the lower exact proportion is named
      keyQuestionFigures: {
        '2.3': [
          { relevant: 9, yes: 8 },
          { relevant: 3, yes: 2 },
          { relevant: 200, yes: 133 },
        ],
      },
      cases: [],
      judgements: {},
      discretion: {},
    });
    const standard = result.standards.find((s) => s.id === '2.3')!;
    expect(standard.keyQuestions.map((kq) => kq.percent)).toEqual([89, 67, 67]);
    expect(standard.keyQuestions.map((kq) => kq.limiting)).toEqual([false, true, true]);
    expect(standard.limitingKeyQuestion).toBe('2.3.3');
  });
});

describe('overall score bands', () => {
  const judgedAll = (rating: string) =>
    Object.fromEntries(framework.standards.filter((s) => s.assessment === 'judged').map((s) => [s.id, rating]));
  const figures = (percent: number) =>
    Object.fromEntries(
      framework.standards
        .filter((s) => s.assessment === 'caseBased')
        .map((s) => [s.id, s.keyQuestions.map(() => ({ percent }))]),
    );

  it.each([
    // case-based %, judged rating, score, overall
    [40, 'Inadequate', 0, 'Inadequate'],
    [55, 'Inadequate', 7, 'Requires improvement'],
    [55, 'Requires improvement', 12, 'Requires improvement'],
    [70, 'Requires improvement', 19, 'Good'],
    [70, 'Good', 24, 'Good'],
    [90, 'Good', 31, 'Outstanding'],
    [90, 'Outstanding', 36, 'Outstanding'],
  ])('case-based at %i%% and judged %s score %i, %s', (percent, judged, score, overall) => {
    const result = rateInspection(framework, {
      keyQuestionFigures: figures(percent),
      cases: [],
      judgements: judgedAll(judged),
      discretion: {},
    });
    expect(result.score).toBe(score);
    expect(result.overall).toBe(overall);
  });

  it('leaves resettlement (4.1) out of the score: 36 is the most, whatever 4.1 is', () => {
    const best = rateInspection(framework, {
      keyQuestionFigures: figures(90),
      cases: [],
      judgements: judgedAll('Outstanding'),
      discretion: {},
    });
    const worst4 = rateInspection(framework, {
      keyQuestionFigures: figures(90),
      cases: [],
      judgements: { ...judgedAll('Outstanding'), '4.1': 'Inadequate' },
      discretion: {},
    });
    expect(best.score).toBe(36);
    expect(worst4.score).toBe(36);
    expect(worst4.separate).toEqual([
      {
        id: '4.1',
        title: 'Resettlement policy and provision',
        rating: 'Inadequate',
        footnote: 'The rating for resettlement does not influence the overall YJS rating.',
      },
    ]);
  });
});
