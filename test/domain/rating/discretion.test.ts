import { describe, expect, it } from 'vitest';
import { getFramework } from '../../../src/platform/framework-registry.js';
import { DiscretionError, rateInspection } from '../../../src/domain/rating/index.js';
import type { DiscretionDecision, KeyQuestionFigure } from '../../../src/domain/rating/types.js';

const framework = getFramework('hmip-youth-2021');

function rate22(figures: KeyQuestionFigure[], decision?: DiscretionDecision) {
  const result = rateInspection(framework, {
    keyQuestionFigures: { '2.2': figures },
    cases: [],
    judgements: {},
    discretion: decision ? { '2.2': decision } : {},
  });
  return result.standards.find((s) => s.id === '2.2')!;
}

const statuses = (figures: KeyQuestionFigure[]) =>
  Object.fromEntries(rate22(figures).discretion!.reasons.map((r) => [r.code, r.status]));

describe('professional discretion: when the panel may consider it', () => {
  it.each([
    // figures, nearBoundary, oneCaseChange, smallSample, eligible
    [
      'all 9 of 9',
      [
        { relevant: 9, yes: 9 },
        { relevant: 9, yes: 9 },
        { relevant: 9, yes: 9 },
      ],
      'doesNotApply',
      'doesNotApply',
      'doesNotApply',
      false,
    ],
    // 17 of 20 = 85%: five points above 80 counts as within five points
    [
      '85%, five points above the boundary',
      [
        { relevant: 20, yes: 17 },
        { relevant: 20, yes: 20 },
        { relevant: 20, yes: 20 },
      ],
      'applies',
      'doesNotApply',
      'doesNotApply',
      true,
    ],
    // 43 of 50 = 86%; 42 of 50 = 84% still Outstanding
    [
      '86%, six points above',
      [
        { relevant: 50, yes: 43 },
        { relevant: 50, yes: 50 },
        { relevant: 50, yes: 50 },
      ],
      'doesNotApply',
      'doesNotApply',
      'doesNotApply',
      false,
    ],
    // 14 of 20 = 70% Good; 13 of 20 = 65% still Good; 15 of 20 = 75% Good
    [
      '70% of 20',
      [
        { relevant: 20, yes: 14 },
        { relevant: 20, yes: 20 },
        { relevant: 20, yes: 20 },
      ],
      'applies',
      'doesNotApply',
      'doesNotApply',
      true,
    ],
    // 10 of 14 = 71% Good; 9 of 14 = 64% would be Requires improvement
    [
      '71% of 14, one case from Requires improvement',
      [
        { relevant: 14, yes: 10 },
        { relevant: 14, yes: 14 },
        { relevant: 14, yes: 14 },
      ],
      'doesNotApply',
      'applies',
      'doesNotApply',
      true,
    ],
    // 5 of 5 = 100% (4 of 5 = 80% is still Outstanding): a small sub-sample only
    [
      '100% of 5',
      [
        { relevant: 9, yes: 9 },
        { relevant: 9, yes: 9 },
        { relevant: 5, yes: 5 },
      ],
      'doesNotApply',
      'doesNotApply',
      'applies',
      true,
    ],
    [
      'percentages far from a boundary',
      [{ percent: 100 }, { percent: 94 }, { percent: 92 }],
      'doesNotApply',
      'unknown',
      'unknown',
      null,
    ],
    [
      'percentages near a boundary',
      [{ percent: 100 }, { percent: 78 }, { percent: 83 }],
      'applies',
      'unknown',
      'unknown',
      true,
    ],
  ] as const)('%s', (_name, figures, near, oneCase, small, eligible) => {
    const standard = rate22([...figures]);
    expect(statuses([...figures])).toEqual({ nearBoundary: near, oneCaseChange: oneCase, smallSample: small });
    expect(standard.discretion!.eligible).toBe(eligible);
  });

  it('says which single answer would change the rating, in either direction', () => {
    // 2 of 3 = 67% Good: 3 of 3 would be Outstanding, 1 of 3 Inadequate
    const standard = rate22([
      { relevant: 9, yes: 9 },
      { relevant: 3, yes: 2 },
      { relevant: 9, yes: 9 },
    ]);
    const oneCase = standard.discretion!.reasons.find((r) => r.code === 'oneCaseChange')!;
    expect(oneCase.detail).toContain("one more 'Yes' in 2.2.2 (3 of 3) would give 'Outstanding'");
    expect(oneCase.detail).toContain("one fewer 'Yes' in 2.2.2 (1 of 3) would give 'Inadequate'");
    expect(oneCase.detail).not.toContain('2.2.1'); // 8 of 9 = 89%: no change
  });
});

describe('professional discretion: a decision a person records', () => {
  const hackney33 = [{ percent: 100 }, { percent: 78 }, { percent: 83 }];

  it('moves the rating one band, with the note the report prints', () => {
    const standard = rate22(hackney33, { rating: 'Outstanding', rationale: 'the overall quality of work.' });
    expect(standard.computedRating).toBe('Good');
    expect(standard.rating).toBe('Outstanding');
    expect(standard.score).toBe(3);
    expect(standard.discretion!.applied).toEqual({
      from: 'Good',
      to: 'Outstanding',
      rationale: 'the overall quality of work',
      note: "Professional discretion was applied in this standard to reflect the overall quality of work, thus achieving an 'Outstanding' rating.",
    });
  });

  it('may lower a rating too', () => {
    const standard = rate22(hackney33, { rating: 'Requires improvement', rationale: 'the small sub-samples' });
    expect(standard.rating).toBe('Requires improvement');
  });

  it.each([
    [
      'a standard that is not eligible',
      [
        { relevant: 9, yes: 9 },
        { relevant: 9, yes: 9 },
        { relevant: 9, yes: 9 },
      ],
      'Good',
      /none of the reasons/,
    ],
    ['the rating it already has', hackney33, 'Good', /already rated 'Good'/],
    ['two bands away', hackney33, 'Inadequate', /one band at most/],
  ])('is refused on %s', (_name, figures, rating, message) => {
    expect(() => rate22(figures, { rating, rationale: 'a reason' })).toThrow(DiscretionError);
    expect(() => rate22(figures, { rating, rationale: 'a reason' })).toThrow(message);
  });
});
