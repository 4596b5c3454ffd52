import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trendsOf, type RoundCounts, type TrendMemo } from '../../../src/domain/qa/index.js';
import { getFramework } from '../../../src/platform/framework-registry.js';

const framework = getFramework('hmip-youth-2021');
const keyQuestions = framework.standards
  .filter((s) => s.id === '2.1' || s.id === '2.2')
  .flatMap((s) => s.keyQuestions.map((k) => k.id));

/** A round with the given 'Yes' of 10 relevant cases per key question (none relevant where null). */
const round = (i: number, yes: (number | null)[], version: number): RoundCounts => ({
  id: `round-${i}`,
  label: `Round ${i}`,
  date: `2024-${String(i + 1).padStart(2, '0')}-01`,
  counts: Object.fromEntries(
    keyQuestions.flatMap((id, k) => (yes[k] === null ? [] : [[id, { yes: yes[k]!, relevant: 10 }]])),
  ),
  version: String(version),
});

describe('trends kept per round', () => {
  it('gives, after any round changes, the same figures as computed afresh', () => {
    const counts = fc.array(fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 5 }), {
      minLength: keyQuestions.length,
      maxLength: keyQuestions.length,
    });
    fc.assert(
      fc.property(
        fc.array(counts, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), counts), { minLength: 1, maxLength: 5 }),
        (initial, changes) => {
          const memo: TrendMemo = new Map();
          const rounds = initial.map((yes, i) => round(i, yes, 0));
          expect(trendsOf(framework, rounds, undefined, memo)).toEqual(trendsOf(framework, rounds));
          for (const [at, yes] of changes) {
            const i = at % rounds.length;
            rounds[i] = round(i, yes, Number(rounds[i]!.version) + 1);
            expect(trendsOf(framework, rounds, undefined, memo)).toEqual(trendsOf(framework, rounds));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("recomputes a changed round's points and the change in the round after it, and serves the rest as kept", () => {
    const memo: TrendMemo = new Map();
    const yes = (n: number) => keyQuestions.map(() => n);
    const rounds = [round(0, yes(5), 0), round(1, yes(6), 0), round(2, yes(7), 0), round(3, yes(8), 0)];
    const before = trendsOf(framework, rounds, undefined, memo).find((t) => t.id === '2.1')!;
    rounds[1] = round(1, yes(9), 1);
    const after = trendsOf(framework, rounds, undefined, memo).find((t) => t.id === '2.1')!;
    expect(after.points.map((p) => `${p.yes} of ${p.relevant}`)).toEqual(['5 of 10', '9 of 10', '7 of 10', '8 of 10']);
    // The kept objects: the first and last rounds are the very points computed before.
    expect(after.points[0]).toBe(before.points[0]);
    expect(after.points[3]).toBe(before.points[3]);
    expect(after.points[1]).not.toBe(before.points[1]);
    // Round 2's change is now from 9 of 10, not 6 of 10.
    expect(after.points[2]!.change!.difference).toBeCloseTo(-0.2, 10);
    expect(before.points[2]!.change!.difference).toBeCloseTo(0.1, 10);
  });

  it('does not serve a kept point when the round is the same version but its label or date moved', () => {
    const memo: TrendMemo = new Map();
    const rounds = [
      round(
        0,
        keyQuestions.map(() => 4),
        0,
      ),
    ];
    trendsOf(framework, rounds, undefined, memo);
    const moved = { ...rounds[0]!, label: 'Renamed', date: '2025-06-30' };
    const [standard] = trendsOf(framework, [moved], undefined, memo);
    expect(standard!.points[0]).toMatchObject({ label: 'Renamed', date: '2025-06-30' });
  });

  it('serves the kept point when its round changed but its own figures did not', () => {
    const memo: TrendMemo = new Map();
    const rounds = [round(0, [5, 6, ...keyQuestions.slice(2).map(() => 7)], 0)];
    const before = trendsOf(framework, rounds, undefined, memo);
    // Another key question of the round changed: the round's version moved, the first key question's figures did not.
    rounds[0] = round(0, [5, 9, ...keyQuestions.slice(2).map(() => 7)], 1);
    const after = trendsOf(framework, rounds, undefined, memo);
    const first = (trends: typeof before) => trends.find((t) => t.id === keyQuestions[0])!.points[0];
    const second = (trends: typeof before) => trends.find((t) => t.id === keyQuestions[1])!.points[0];
    expect(first(after)).toBe(first(before));
    expect(second(after)).not.toBe(second(before));
    expect(second(after)).toMatchObject({ yes: 9, relevant: 10 });
    expect(after).toEqual(trendsOf(framework, rounds));
  });
});
