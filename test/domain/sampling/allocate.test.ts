import { describe, expect, it } from 'vitest';
import { largestRemainder, reserveOrder } from '../../../src/domain/sampling/allocate.js';
import { mulberry32, randomBelow } from '../../../src/domain/sampling/random.js';

const parts = (...weights: number[]) => weights.map((weight, i) => ({ key: String.fromCharCode(97 + i), weight }));

describe('largest remainder (Hamilton) rounding', () => {
  // [what, total, weights (keys a, b, c...), shares]
  const cases: [string, number, number[], number[]][] = [
    ['exact shares', 10, [50, 30, 20], [5, 3, 2]],
    ['the largest remainder gets the spare case', 10, [45, 35, 20], [5, 3, 2]], // 4.5, 3.5, 2: a's .5 ties b's .5
    ['a tie goes in key order', 1, [1, 1], [1, 0]],
    ['a tie between the last two', 7, [10, 10, 10], [3, 2, 2]], // 2⅓ each: a gets the one spare
    ['a stratum of one with a share below a half', 5, [1, 19], [0, 5]], // 0.25 and 4.75
    ['two spare cases to the two largest remainders', 4, [1, 2, 7], [0, 1, 3]], // 0.4, 0.8, 2.8
    ['a stratum of one with the largest remainder', 5, [1, 5, 5], [1, 2, 2]], // 0.45, 2.27, 2.27
    ['a stratum of one, all cases drawn', 3, [1, 1, 1], [1, 1, 1]],
    ['nothing to share', 0, [3, 4], [0, 0]],
    ['the Alabama case: 10 among 6, 6, 2', 10, [6, 6, 2], [4, 4, 2]], // 4.29, 4.29, 1.43
    ['the Alabama case: 11 among 6, 6, 2', 11, [6, 6, 2], [5, 5, 1]], // 4.71, 4.71, 1.57: c loses a case
  ];
  it.each(cases)('%s', (_what, total, weights, shares) => {
    expect(largestRemainder(total, parts(...weights))).toEqual(shares);
  });

  it('every share is within one of its quota, and they add up', () => {
    const next = mulberry32(7);
    for (let trial = 0; trial < 500; trial++) {
      const weights = Array.from({ length: 1 + randomBelow(next, 12) }, () => 1 + randomBelow(next, 50));
      const sum = weights.reduce((s, w) => s + w, 0);
      const total = randomBelow(next, sum + 1);
      const shares = largestRemainder(total, parts(...weights));
      expect(shares.reduce((s, n) => s + n, 0)).toBe(total);
      shares.forEach((share, i) => expect(Math.abs(share - (total * weights[i]!) / sum)).toBeLessThan(1));
    }
  });
});

/** Strata of the given sizes, each case named by its stratum and rank (a1, a2, b1...), `taken` drawn. */
const strata = (sizes: number[], taken: number[]) =>
  sizes.map((size, i) => {
    const key = String.fromCharCode(97 + i);
    return { key, cases: Array.from({ length: size }, (_, r) => `${key}${r + 1}`), taken: taken[i]! };
  });

/** How far each stratum strays from its share after the sample and each first part of the reserve. */
function strayAfterEachReserve(sizes: number[], taken: number[], order: string[]) {
  const total = sizes.reduce((s, n) => s + n, 0);
  const counts = [...taken];
  let ahead = 0;
  let behind = 0;
  order.forEach((ref, j) => {
    counts[ref.charCodeAt(0) - 97]!++;
    const m = taken.reduce((s, n) => s + n, 0) + j + 1;
    sizes.forEach((size, s) => {
      ahead = Math.max(ahead, counts[s]! - (m * size) / total);
      behind = Math.max(behind, (m * size) / total - counts[s]!);
    });
  });
  return { ahead, behind };
}

describe('the reserve order', () => {
  it('interleaves the strata in proportion: 6, 3 and 1 cases from an empty sample', () => {
    // m = 1: gaps .6, .3, .1: a. m = 2: .2, .6, .2: b. m = 3: .8, -.1, .3: a. m = 4: .4, .2, .4: a (key order)...
    expect(reserveOrder(strata([6, 3, 1], [0, 0, 0]))).toEqual([
      'a1',
      'b1',
      'a2',
      'a3',
      'b2',
      'a4',
      'c1',
      'a5',
      'b3',
      'a6',
    ]);
  });

  it('continues from the sample, each stratum in its drawn order', () => {
    // Sample 5 of 10: a 3, b 1.5 -> 2, c .5 -> 0 (b and c tie on .5: b first in key order).
    expect(
      largestRemainder(5, [
        { key: 'a', weight: 6 },
        { key: 'b', weight: 3 },
        { key: 'c', weight: 1 },
      ]),
    ).toEqual([3, 2, 0]);
    // m = 6: gaps a .6, b -.2, c .6: a (key order); m = 7: a .2, b .1, c .7: c; then b, a, a... as due.
    expect(reserveOrder(strata([6, 3, 1], [3, 2, 0]))).toEqual(['a4', 'c1', 'a5', 'b3', 'a6']);
  });

  it('is the same whatever order the strata come in', () => {
    const drawn = strata([6, 3, 1], [3, 2, 0]);
    expect(reserveOrder([...drawn].reverse())).toEqual(reserveOrder(drawn));
  });

  it('is the rest of every stratum, never a case ahead of its share and hardly ever a case behind', () => {
    const next = mulberry32(11);
    let behindByOne = 0;
    for (let trial = 0; trial < 300; trial++) {
      // Up to 30 strata, about half of them of 1 to 3 cases: the hard case for keeping shares.
      const sizes = Array.from(
        { length: 1 + randomBelow(next, 30) },
        () => 1 + randomBelow(next, randomBelow(next, 2) ? 3 : 40),
      );
      const total = sizes.reduce((s, n) => s + n, 0);
      const size = randomBelow(next, total + 1);
      const taken = largestRemainder(
        size,
        sizes.map((weight, i) => ({ key: String.fromCharCode(97 + i), weight })),
      );
      const drawn = strata(sizes, taken);
      const order = reserveOrder(drawn);
      expect(order).toEqual(expect.arrayContaining(drawn.flatMap((s) => s.cases.slice(s.taken))));
      expect(order).toHaveLength(total - size);
      const stray = strayAfterEachReserve(sizes, taken, order);
      expect(stray.ahead).toBeLessThan(1);
      expect(stray.behind).toBeLessThan(1.25);
      behindByOne += stray.behind >= 1 ? 1 : 0;
    }
    expect(behindByOne).toBeLessThanOrEqual(3); // of 300 populations (2 with this seed), by a fraction of a case
  });
});
