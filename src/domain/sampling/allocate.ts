/**
 * Sharing whole cases out in proportion. All arithmetic is on integers (counts up to a few hundred
 * thousand), so the results do not depend on floating-point rounding.
 */

/** Compares strings by code unit: the same order on every machine and in every locale. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Largest remainder (Hamilton): each part gets the whole part of its quota total × weight / Σweight, and
 * the cases left over go one each to the largest remainders; equal remainders go in key order. Every
 * share is therefore its quota rounded down or up: within 1 of the proportional share.
 */
export function largestRemainder(total: number, parts: readonly { key: string; weight: number }[]): number[] {
  const sum = parts.reduce((s, p) => s + p.weight, 0);
  if (sum === 0) return parts.map(() => 0);
  const shares = parts.map((p) => Math.floor((total * p.weight) / sum));
  // The remainder of total × weight over the sum, kept as an integer numerator to compare exactly.
  const remainders = parts.map((p, i) => total * p.weight - shares[i]! * sum);
  let left = total - shares.reduce((s, n) => s + n, 0);
  const order = parts
    .map((_, i) => i)
    .sort((i, j) => remainders[j]! - remainders[i]! || byCode(parts[i]!.key, parts[j]!.key));
  for (const i of order) {
    if (left === 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}

/** A stratum's cases in their drawn order, of which the first `taken` are in the sample. */
export interface DrawnStratum<T> {
  key: string;
  cases: readonly T[];
  taken: number;
}

/**
 * The reserve: every case not sampled, in the order to use them, continuing the largest-remainder idea as
 * the total grows. At each place m (the sample and the reserve so far, plus one) the next case comes from
 * the stratum furthest behind its share, the largest m × N_s / N − taken_s (equal gaps go in key order).
 * The chosen gap is always above zero, so no stratum ever runs a whole case ahead of its share; falling a
 * whole case behind is possible only when several small strata are due at once, and then by a fraction.
 * Each stratum's cases keep their shuffled order. Cost: places × strata, on integers.
 */
export function reserveOrder<T>(strata: readonly DrawnStratum<T>[]): T[] {
  const ordered = [...strata].sort((a, b) => byCode(a.key, b.key));
  const sizes = Float64Array.from(ordered, (s) => s.cases.length);
  const counts = Float64Array.from(ordered, (s) => s.taken);
  const total = sizes.reduce((sum, n) => sum + n, 0);
  const order: T[] = [];
  for (let place = counts.reduce((sum, n) => sum + n, 0) + 1; place <= total; place++) {
    let best = -1;
    let bestGap = -Infinity;
    for (let i = 0; i < sizes.length; i++) {
      if (counts[i]! >= sizes[i]!) continue;
      // The gap m × N_s / N − taken_s, times N: whole numbers, compared exactly.
      const gap = place * sizes[i]! - counts[i]! * total;
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    order.push(ordered[best]!.cases[counts[best]!]!);
    counts[best]!++;
  }
  return order;
}
