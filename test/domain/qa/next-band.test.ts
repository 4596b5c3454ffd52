import { describe, expect, it } from 'vitest';
import { casesToNextBand, predictBands, minimumRelevantCases } from '../../../src/domain/qa/index.js';
import { parseFramework } from '../../../src/domain/framework/load.js';
import { getFramework } from '../../../src/platform/framework-registry.js';

const framework = getFramework('hmip-youth-2021');
const roundingDown = parseFramework(
  { ...framework.file, keyQuestionBands: { ...framework.file.keyQuestionBands, rounding: 'down' } },
  'test',
);

describe('cases to the next band', () => {
  it("Hackney 2.1's 11 of 17 (65%, Good): 13 more 'Yes' reach 80%, one 'No' drops it", () => {
    expect(casesToNextBand(framework, 11, 17)).toEqual({
      rating: 'Good',
      yesToRise: 13,
      risesTo: 'Outstanding',
      noToDrop: 1,
      dropsTo: 'Requires improvement',
    });
  });

  it('uses the framework rounding: 64.5% is Good half-up, Requires improvement rounded down', () => {
    // 129 of 200 is 64.5%
    expect(casesToNextBand(framework, 129, 200).rating).toBe('Good');
    expect(casesToNextBand(roundingDown, 129, 200).rating).toBe('Requires improvement');
    // 130/201 and 131/202 are still 64% rounded down; 132/203 is 65.02%
    expect(casesToNextBand(roundingDown, 129, 200).yesToRise).toBe(3);
  });

  it('the top band cannot rise and the bottom band cannot drop', () => {
    expect(casesToNextBand(framework, 10, 10)).toMatchObject({ yesToRise: null, risesTo: null, noToDrop: 3 });
    expect(casesToNextBand(framework, 0, 4)).toMatchObject({ noToDrop: null, dropsTo: null, yesToRise: 4 });
  });
});

describe('predicted bands', () => {
  it(`says too few cases to tell below ${minimumRelevantCases} relevant cases`, () => {
    const prediction = predictBands(framework, [{ id: '2.1.1', yes: 4, relevant: 4 }], 4, 20);
    expect(prediction).toEqual({
      status: 'tooFew',
      reason: `2.1.1 has 4 relevant cases, fewer than ${minimumRelevantCases}`,
    });
  });

  it('the probabilities sum to one and the standard is never better than its weakest key question', () => {
    const prediction = predictBands(
      framework,
      [
        { id: '2.1.1', yes: 19, relevant: 20 },
        { id: '2.1.2', yes: 10, relevant: 20 },
      ],
      20,
      20,
    );
    if (prediction.status !== 'predicted') throw new Error('expected a prediction');
    const sum = prediction.standard.reduce((s, b) => s + b.probability, 0);
    expect(sum).toBeCloseTo(1, 9);
    const outstanding = (bands: { rating: string; probability: number }[]) =>
      bands.find((b) => b.rating === 'Outstanding')!.probability;
    expect(outstanding(prediction.standard)).toBeLessThanOrEqual(outstanding(prediction.keyQuestions['2.1.2']!));
  });
});
