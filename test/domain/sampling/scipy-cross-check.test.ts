import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../src/domain/sampling/normal.js';
import { achievedMargin, requiredSampleSize } from '../../../src/domain/sampling/sample-size.js';

/**
 * The sample sizes and margins checked against an independent implementation: SciPy's norm.ppf and the
 * same formulas written in Python, over a grid of populations and settings. Python 3 and SciPy are
 * required (Debian: apt-get install python3-scipy); without them this test fails, it is never skipped.
 */

const populations = [5, 12, 30, 57, 100, 250, 1000, 10000];
const confidences = [0.8, 0.9, 0.95];
const margins = [0.05, 0.1];
const quantiles = [1e-10, 1e-6, 0.001, 0.01, 0.02425, 0.05, 0.1, 0.3, 0.5, 0.8, 0.9, 0.95, 0.975, 0.995, 0.999999];

const python = String.raw`
import json, math, sys
from scipy.stats import norm
grid = json.loads(sys.argv[1])
rows = []
for N in grid["populations"]:
    for c in grid["confidences"]:
        z = norm.ppf(1 - (1 - c) / 2)
        for e in grid["margins"]:
            n0 = z * z * 0.25 / (e * e)
            n = min(N, math.ceil(n0 / (1 + (n0 - 1) / N)))
            achieved = 0.0 if n == N else z * math.sqrt(0.25 / n * (N - n) / (N - 1))
            # and the margin of a sample of half the population, rounded down
            half = max(1, N // 2)
            half_margin = 0.0 if half == N else z * math.sqrt(0.25 / half * (N - half) / (N - 1))
            rows.append({"N": N, "c": c, "e": e, "n": n, "achieved": achieved, "half": half, "halfMargin": half_margin})
print(json.dumps({"rows": rows, "ppf": [norm.ppf(p) for p in grid["quantiles"]]}))
`;

interface Row {
  N: number;
  c: number;
  e: number;
  n: number;
  achieved: number;
  half: number;
  halfMargin: number;
}

function scipy(): { rows: Row[]; ppf: number[] } {
  const grid = JSON.stringify({ populations, confidences, margins, quantiles });
  let output: string;
  try {
    output = execFileSync('python3', ['-c', python, grid], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr || (error as Error).message;
    throw new Error(
      `the SciPy cross-check needs python3 with SciPy: install python3-scipy (apt-get install -y python3-scipy)\n${detail}`,
      { cause: error },
    );
  }
  return JSON.parse(output) as { rows: Row[]; ppf: number[] };
}

describe('cross-checked with SciPy', () => {
  const reference = scipy();

  it('covers the whole grid', () => {
    expect(reference.rows).toHaveLength(populations.length * confidences.length * margins.length);
  });

  it('the normal quantile matches norm.ppf to double precision', () => {
    quantiles.forEach((p, i) => {
      const expected = reference.ppf[i]!;
      expect(Math.abs(normalQuantile(p) - expected)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(expected)));
    });
  });

  it.each(populations)('N = %i: sample sizes and achieved margins for every confidence and margin', (population) => {
    for (const row of reference.rows.filter((r) => r.N === population)) {
      const setting = `${row.c} confidence, margin ${row.e}`;
      const size = requiredSampleSize(row.N, row.c, row.e).size;
      expect(size, setting).toBe(row.n);
      expect(achievedMargin(size, row.N, row.c), setting).toBeCloseTo(row.achieved, 12);
      expect(achievedMargin(row.half, row.N, row.c), `${setting}, ${row.half} cases`).toBeCloseTo(row.halfMargin, 12);
    }
  });
});
