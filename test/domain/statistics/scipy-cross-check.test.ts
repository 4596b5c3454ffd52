import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { betaBinomialPmf, newcombeDifference, wilsonInterval } from '../../../src/domain/statistics/index.js';
import { predictBands } from '../../../src/domain/qa/index.js';
import { getFramework } from '../../../src/platform/framework-registry.js';

/**
 * The intervals and predictive probabilities checked against SciPy over a grid: binomtest's Wilson interval,
 * Newcombe's method 10 built from those SciPy bounds, and betabinom's pmf. Python 3 with SciPy is required
 * (Debian: apt-get install python3-scipy); without it this test fails, it is never skipped.
 */

const counts: [number, number][] = [];
for (const n of [1, 2, 3, 5, 7, 10, 17, 20, 33, 60, 100, 250]) {
  for (const k of new Set([0, 1, Math.floor(n / 3), Math.floor(n / 2), Math.ceil((2 * n) / 3), n - 1, n])) {
    if (k >= 0 && k <= n) counts.push([k, n]);
  }
}
const confidences = [0.8, 0.95, 0.99];
const pairs: [[number, number], [number, number]][] = [
  [
    [11, 17],
    [15, 17],
  ],
  [
    [0, 5],
    [5, 5],
  ],
  [
    [3, 20],
    [19, 20],
  ],
  [
    [12, 20],
    [14, 20],
  ],
  [
    [40, 60],
    [20, 33],
  ],
  [
    [7, 10],
    [7, 10],
  ],
  [
    [1, 3],
    [0, 2],
  ],
];
const betaBinomialGrid: [number, number, number, number][] = [];
for (const n of [1, 4, 9, 20, 45]) {
  for (const [a, b] of [
    [1, 1],
    [12, 7],
    [2, 19],
    [0.5, 0.5],
    [81, 21],
  ] as const) {
    for (const k of [0, 1, Math.floor(n / 2), n]) betaBinomialGrid.push([k, n, a, b]);
  }
}
/** Rounds of a three-key-question standard: (yes, relevant) per key question, cases assessed, n sampled. */
const rounds: { kqs: [number, number][]; assessed: number; sampled: number }[] = [
  {
    kqs: [
      [15, 20],
      [12, 18],
      [8, 10],
    ],
    assessed: 20,
    sampled: 20,
  },
  {
    kqs: [
      [17, 20],
      [16, 20],
      [14, 16],
    ],
    assessed: 20,
    sampled: 33,
  },
  {
    kqs: [
      [9, 20],
      [11, 20],
      [5, 9],
    ],
    assessed: 20,
    sampled: 12,
  },
  {
    kqs: [
      [40, 40],
      [39, 40],
      [30, 31],
    ],
    assessed: 40,
    sampled: 27,
  },
  {
    kqs: [
      [6, 12],
      [7, 12],
      [5, 6],
    ],
    assessed: 12,
    sampled: 50,
  },
];

const python = String.raw`
import json, math, sys
import numpy as np
from scipy.stats import binomtest, betabinom
g = json.loads(sys.argv[1])
def wilson(k, n, c):
    ci = binomtest(k, n).proportion_ci(confidence_level=c, method='wilson')
    return [float(ci.low), float(ci.high)]
out = {"wilson": [[wilson(k, n, c) for c in g["confidences"]] for k, n in g["counts"]]}
diffs = []
for (k1, n1), (k2, n2) in g["pairs"]:
    p1, p2 = k2 / n2, k1 / n1  # later minus earlier
    l1, u1 = wilson(k2, n2, 0.95)
    l2, u2 = wilson(k1, n1, 0.95)
    d = p1 - p2
    diffs.append([d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)])
out["newcombe"] = diffs
out["betabinom"] = [float(betabinom.pmf(k, n, a, b)) for k, n, a, b in g["betaBinomial"]]
mins = g["bandMins"]
def band(k, m):
    pct = (200 * k + m) // (2 * m)
    return next(i for i, lo in enumerate(mins) if pct >= lo)
preds = []
for r in g["rounds"]:
    per = []
    for y, rel in r["kqs"]:
        m = max(1, round(r["sampled"] * rel / max(r["assessed"], rel)))
        p = np.zeros(len(mins))
        pmf = betabinom.pmf(np.arange(m + 1), m, y + 1, rel - y + 1)
        for k in range(m + 1):
            p[band(k, m)] += pmf[k]
        per.append(p)
    at_least = [float(np.prod([q[: j + 1].sum() for q in per])) for j in range(len(mins))]
    preds.append({"kqs": [q.tolist() for q in per], "standard": [at_least[0]] + [at_least[j] - at_least[j - 1] for j in range(1, len(mins))]})
out["predictions"] = preds
print(json.dumps(out))
`;

interface Reference {
  wilson: [number, number][][];
  newcombe: [number, number, number][];
  betabinom: number[];
  predictions: { kqs: number[][]; standard: number[] }[];
}

const framework = getFramework('hmip-youth-2021');

function scipy(): Reference {
  const grid = JSON.stringify({
    counts,
    confidences,
    pairs,
    betaBinomial: betaBinomialGrid,
    rounds,
    bandMins: framework.keyQuestionBands.bands.map((b) => b.minPercent),
  });
  try {
    const output = execFileSync('python3', ['-c', python, grid], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(output) as Reference;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr || (error as Error).message;
    throw new Error(`the SciPy cross-check needs python3 with SciPy (apt-get install -y python3-scipy)\n${detail}`, {
      cause: error,
    });
  }
}

describe('statistics cross-checked with SciPy', () => {
  const reference = scipy();

  it('covers the whole grid', () => {
    expect(reference.wilson).toHaveLength(counts.length);
    expect(reference.betabinom).toHaveLength(betaBinomialGrid.length);
    expect(reference.predictions).toHaveLength(rounds.length);
  });

  it('Wilson intervals match binomtest(k, n).proportion_ci(method="wilson") for every count and level', () => {
    counts.forEach(([k, n], i) => {
      confidences.forEach((c, j) => {
        const [low, high] = reference.wilson[i]![j]!;
        const interval = wilsonInterval(k, n, c);
        expect(interval.lower, `${k}/${n} at ${c}`).toBeCloseTo(low, 12);
        expect(interval.upper, `${k}/${n} at ${c}`).toBeCloseTo(high, 12);
      });
    });
  });

  it("Newcombe's difference interval matches method 10 over SciPy's Wilson bounds", () => {
    pairs.forEach(([[k1, n1], [k2, n2]], i) => {
      const [d, low, high] = reference.newcombe[i]!;
      const interval = newcombeDifference({ yes: k1, relevant: n1 }, { yes: k2, relevant: n2 });
      expect(interval.difference).toBeCloseTo(d, 12);
      expect(interval.lower, `${k1}/${n1} to ${k2}/${n2}`).toBeCloseTo(low, 12);
      expect(interval.upper, `${k1}/${n1} to ${k2}/${n2}`).toBeCloseTo(high, 12);
      expect(interval.beyondChance).toBe(low > 0 || high < 0);
    });
  });

  it('the beta-binomial pmf matches scipy.stats.betabinom', () => {
    betaBinomialGrid.forEach(([k, n, a, b], i) => {
      const expected = reference.betabinom[i]!;
      expect(Math.abs(betaBinomialPmf(k, n, a, b) - expected), `k=${k} n=${n} a=${a} b=${b}`).toBeLessThan(
        1e-10 * Math.max(1, expected),
      );
    });
  });

  it('the band probabilities for key questions and the standard match betabinom combined the same way', () => {
    rounds.forEach((round, i) => {
      const prediction = predictBands(
        framework,
        round.kqs.map(([yes, relevant], j) => ({ id: `2.1.${j + 1}`, yes, relevant })),
        round.assessed,
        round.sampled,
      );
      if (prediction.status !== 'predicted') throw new Error(prediction.reason);
      const expected = reference.predictions[i]!;
      expected.standard.forEach((p, j) => expect(prediction.standard[j]!.probability).toBeCloseTo(p, 10));
      expected.kqs.forEach((bands, q) =>
        bands.forEach((p, j) => expect(prediction.keyQuestions[`2.1.${q + 1}`]![j]!.probability).toBeCloseTo(p, 10)),
      );
    });
  });
});
