import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { agreementOf, cohensKappa, gwetAc1, type AnswerPair } from '../../../src/domain/agreement/agreement.js';
import { readingOf } from '../../../src/domain/agreement/reading.js';

/**
 * Kappa and its interval against statsmodels (Debian's python3-statsmodels, run with /usr/bin/python3),
 * and AC1 against Gwet's (2008) formulas written independently in Python, over tables that cover the
 * usual, the lopsided and the perfect. Without Python and statsmodels this test fails; it is never skipped.
 */

const tables: number[][][] = [
  [
    [118, 5],
    [2, 0],
  ], // the "kappa paradox": 94% agreement, kappa below zero
  [
    [28, 13],
    [7, 27],
  ], // Siegel and Castellan (1988), the TV debate
  [
    [40, 9],
    [6, 45],
  ],
  [
    [10, 0],
    [0, 10],
  ],
  [
    [15, 3],
    [4, 1],
  ],
  [
    [3, 1],
    [1, 2],
  ],
  [
    [13, 0, 0],
    [0, 20, 7],
    [0, 4, 56],
  ],
  [
    [50, 2],
    [3, 45],
  ],
];

const python = String.raw`
import json, sys
import numpy as np
from scipy import stats
from statsmodels.stats.inter_rater import cohens_kappa
out = []
for t in json.loads(sys.argv[1]):
    t = np.asarray(t, float)
    r = cohens_kappa(t)
    n = t.sum(); q = t.shape[0]; p = t / n
    pi = (p.sum(1) + p.sum(0)) / 2
    pa = np.trace(p)
    pe = (pi * (1 - pi)).sum() / (q - 1)
    g = (pa - pe) / (1 - pe)
    w = np.eye(q) - 2 * (1 - g) * (1 - (pi[:, None] + pi[None, :]) / 2) / (q - 1)
    var = ((p * w ** 2).sum() - (pa - 2 * pe * (1 - g)) ** 2) / (n * (1 - pe) ** 2)
    se = float(np.sqrt(max(var, 0)))
    tq = stats.t.ppf(0.975, n - 1)
    out.append({"kappa": float(r.kappa), "kappaSe": float(r.std_kappa), "kappaLow": float(r.kappa_low),
                "kappaHigh": float(r.kappa_upp), "ac1": float(g), "ac1Se": se,
                "ac1Low": float(g - tq * se), "ac1High": float(g + tq * se)})
print(json.dumps(out))
`;

interface Reference {
  kappa: number;
  kappaSe: number;
  kappaLow: number;
  kappaHigh: number;
  ac1: number;
  ac1Se: number;
  ac1Low: number;
  ac1High: number;
}

const pairsOf = (yy: number, yn: number, ny: number, nn: number, naAgreed = 0, naDisagreed = 0): AnswerPair[] => [
  ...Array.from({ length: yy }, () => ({ first: 'yes' as const, second: 'yes' as const })),
  ...Array.from({ length: yn }, () => ({ first: 'yes' as const, second: 'no' as const })),
  ...Array.from({ length: ny }, () => ({ first: 'no' as const, second: 'yes' as const })),
  ...Array.from({ length: nn }, () => ({ first: 'no' as const, second: 'no' as const })),
  ...Array.from({ length: naAgreed }, () => ({ first: 'n/a' as const, second: 'n/a' as const })),
  ...Array.from({ length: naDisagreed }, () => ({ first: 'n/a' as const, second: 'yes' as const })),
];

describe('agreement statistics', () => {
  const references = JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', python, JSON.stringify(tables)], { encoding: 'utf8' }),
  ) as Reference[];

  it.each(tables.map((table, i) => [JSON.stringify(table), table, i] as const))(
    'kappa and AC1 of %s agree with statsmodels and Gwet (2008)',
    (_name, table, i) => {
      const reference = references[i]!;
      const kappa = cohensKappa(table)!;
      expect(kappa.value).toBeCloseTo(reference.kappa, 10);
      expect(kappa.standardError).toBeCloseTo(reference.kappaSe, 10);
      expect(kappa.low).toBeCloseTo(reference.kappaLow, 10);
      expect(kappa.high).toBeCloseTo(reference.kappaHigh, 10);
      const ac1 = gwetAc1(table)!;
      expect(ac1.value).toBeCloseTo(reference.ac1, 10);
      expect(ac1.standardError).toBeCloseTo(reference.ac1Se, 10);
      expect(ac1.low).toBeCloseTo(reference.ac1Low, 8);
      expect(ac1.high).toBeCloseTo(reference.ac1High, 8);
    },
  );

  it('works the kappa paradox by hand: 118 agreed Yes, 5 and 2 disagreements, none agreed No', () => {
    // pa = 118/125 = 0.944; kappa's chance agreement 0.984 x 0.96 + 0.016 x 0.04 = 0.94528;
    // AC1's is 2 x 0.972 x 0.028 = 0.054432 (pi = the mean of the two assessors' Yes shares).
    expect(cohensKappa(tables[0]!)!.value).toBeCloseTo((0.944 - 0.94528) / (1 - 0.94528), 12);
    expect(gwetAc1(tables[0]!)!.value).toBeCloseTo((0.944 - 0.054432) / (1 - 0.054432), 12);
  });

  it('counts Not applicable disagreements apart from Yes/No ones, and reads the figures in plain words', () => {
    const agreement = agreementOf(pairsOf(118, 5, 2, 0, 4, 3));
    expect(agreement.compared).toBe(132);
    expect(agreement.agreed).toBe(122);
    expect(agreement.applicabilityDisagreements).toBe(3);
    expect(agreement.yesNoDisagreements).toBe(7);
    expect(agreement.yesNo).toEqual([
      [118, 5],
      [2, 0],
    ]);
    const reading = readingOf(agreement);
    expect(reading).toContain('same answer in 122 of 132 (92%)');
    expect(reading).toContain('In 3 one of them judged the question not applicable');
    expect(reading).toContain('almost perfect by Gwet');
    expect(reading).toContain('kappa falls when one answer dominates');
  });

  it('says when there is nothing or too little to compare', () => {
    expect(readingOf(agreementOf([]))).toBe('No answers have been compared yet.');
    expect(readingOf(agreementOf(pairsOf(3, 1, 1, 2)))).toContain('Only 7 Yes/No pairs: too few to rely on');
    expect(
      cohensKappa([
        [5, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });
});
