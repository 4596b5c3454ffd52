import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/domain/sampling/normal.js';
import {
  achievedMargin,
  marginFormula,
  requiredSampleSize,
  SampleSizeError,
  sizeFormula,
  splitSample,
  zFor,
} from '../../../src/domain/sampling/sample-size.js';

/**
 * Sample sizes worked by hand: n0 = z² × 0.25 / e², n = n0 / (1 + (n0 − 1) / N) rounded up. For 80%,
 * z = 1.281552 and n0 = 100 × z² = 164.237 (e = 0.05). The same values come from SciPy (scipy-cross-check).
 */
describe('the sample needed', () => {
  // [population N, confidence, margin, n before rounding (to 3 places), sample size]
  const cases: [number, number, number, number, number][] = [
    [1_000_000_000, 0.8, 0.05, 164.237, 165], // no correction to speak of: n0 rounded up
    [350, 0.8, 0.05, 112.001, 113], // 164.237 / (1 + 163.237 / 350): just over 112
    [100, 0.8, 0.05, 62.391, 63], // 164.237 / 2.63237
    [30, 0.8, 0.05, 25.498, 26], // 164.237 / 6.44125
    [5, 0.8, 0.05, 4.881, 5], // a small service: every case
    [1, 0.8, 0.05, 1, 1], // exactly 1: the rounding must not make it 2
    [1000, 0.95, 0.05, 277.733, 278], // the textbook 95%/5 figure for 1,000
    [1_000_000_000, 0.95, 0.05, 384.146, 385], // and for a large population
    [250, 0.9, 0.1, 53.404, 54],
  ];
  it.each(cases)('N = %i at %f confidence, margin %f: %f, so %i cases', (n, confidence, margin, corrected, size) => {
    const required = requiredSampleSize(n, confidence, margin);
    expect(required.corrected).toBeCloseTo(corrected, 3);
    expect(required.size).toBe(size);
  });

  it('no cases: nothing to sample', () => {
    expect(requiredSampleSize(0, 0.8, 0.05).size).toBe(0);
  });

  it('z is the two-sided normal quantile', () => {
    expect(zFor(0.8)).toBeCloseTo(1.2815515655446004, 14);
    expect(zFor(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(() => zFor(1)).toThrow(RangeError);
  });
});

describe('the margin of error achieved', () => {
  // [sample n, population N, confidence, margin in points (hand and SciPy)]
  const cases: [number, number, number, number][] = [
    [113, 350, 0.8, 4.9674],
    [63, 100, 0.8, 4.9354],
    [68, 240, 0.8, 6.592],
    [50, 100, 0.8, 6.44],
    [278, 1000, 0.95, 4.9967],
  ];
  it.each(cases)('%i of %i at %f: %f points', (n, population, confidence, points) => {
    expect(achievedMargin(n, population, confidence)! * 100).toBeCloseTo(points, 3);
  });

  it('every case sampled: no margin of error; none sampled: no figure', () => {
    expect(achievedMargin(40, 40, 0.8)).toBe(0);
    expect(achievedMargin(0, 40, 0.8)).toBeNull();
  });

  it('the formulas are printed with the numbers in', () => {
    const required = requiredSampleSize(350, 0.8, 0.05);
    expect(sizeFormula(required, 350, 0.05)).toEqual([
      'n0 = z² × p(1 − p) / e² = 1.2816² × 0.5 × 0.5 / 0.05² = 164.24',
      'n = n0 / (1 + (n0 − 1) / N) = 164.24 / (1 + 163.24 / 350) = 112.001, rounded up: 113',
    ]);
    expect(marginFormula(113, 350, 0.8)).toBe(
      'e = z × √(p(1 − p) / n × (N − n) / (N − 1)) = 1.2816 × √(0.25 / 113 × 237 / 349) = 4.97 points',
    );
  });
});

describe('the court and out-of-court split', () => {
  it('60/40 by default, a tie going to court', () => {
    expect(splitSample(113, { court: 240, outOfCourt: 110 }, { kind: 'ratio', court: 60, outOfCourt: 40 })).toEqual({
      court: 68, // 67.8 rounds up: its remainder .8 beats out-of-court's .2
      outOfCourt: 45,
    });
    expect(splitSample(5, { court: 10, outOfCourt: 10 }, { kind: 'ratio', court: 50, outOfCourt: 50 })).toEqual({
      court: 3,
      outOfCourt: 2,
    });
  });

  it('a domain with too few cases gives all of them, the rest going to the other domain', () => {
    expect(splitSample(60, { court: 70, outOfCourt: 12 }, { kind: 'ratio', court: 60, outOfCourt: 40 })).toEqual({
      court: 48,
      outOfCourt: 12,
    });
    expect(splitSample(30, { court: 10, outOfCourt: 40 }, { kind: 'ratio', court: 60, outOfCourt: 40 })).toEqual({
      court: 10,
      outOfCourt: 20,
    });
  });

  it('in proportion to the populations', () => {
    expect(splitSample(113, { court: 240, outOfCourt: 110 }, { kind: 'proportional' })).toEqual({
      court: 77, // 77.49
      outOfCourt: 36, // 35.51
    });
  });

  it('by hand, within the populations', () => {
    expect(splitSample(113, { court: 240, outOfCourt: 110 }, { kind: 'byHand', court: 50, outOfCourt: 50 })).toEqual({
      court: 50,
      outOfCourt: 50,
    });
    expect(() =>
      splitSample(113, { court: 240, outOfCourt: 40 }, { kind: 'byHand', court: 50, outOfCourt: 50 }),
    ).toThrow(new SampleSizeError('50 out-of-court cases asked for, but there are only 40'));
  });
});
