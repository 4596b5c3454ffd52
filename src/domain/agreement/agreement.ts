import jStat from 'jstat';

/**
 * How far two assessors of the same cases agree. Percentage agreement counts every pair; Cohen's kappa and
 * Gwet's AC1 are computed on the pairs where both answered Yes or No, because 'Not applicable' is a
 * judgement of relevance, not of quality: a pair where one says 'Not applicable' and the other Yes or No is
 * an applicability disagreement, counted on its own.
 */

export type Answer = 'yes' | 'no' | 'n/a';

export interface AnswerPair {
  first: Answer;
  second: Answer;
}

/** An estimate with its standard error and 95% interval. */
export interface Estimate {
  value: number;
  standardError: number;
  low: number;
  high: number;
}

/** The 2x2 table of Yes/No pairs: `[first][second]`, index 0 Yes, 1 No. */
export type YesNoTable = [[number, number], [number, number]];

export interface Agreement {
  /** Pairs compared, 'Not applicable' included. */
  compared: number;
  /** Pairs with the same answer, 'Not applicable' included. */
  agreed: number;
  percentAgreement: number | null;
  /** One said 'Not applicable', the other Yes or No. */
  applicabilityDisagreements: number;
  /** Both Yes or No, and different. */
  yesNoDisagreements: number;
  yesNo: YesNoTable;
  kappa: Estimate | null;
  ac1: Estimate | null;
}

const confidence = 0.95;

/** The table of Yes/No pairs, with the counts the other figures need. */
export function yesNoTable(pairs: readonly AnswerPair[]): YesNoTable {
  const table: YesNoTable = [
    [0, 0],
    [0, 0],
  ];
  for (const { first, second } of pairs) {
    if (first === 'n/a' || second === 'n/a') continue;
    table[first === 'yes' ? 0 : 1][second === 'yes' ? 0 : 1] += 1;
  }
  return table;
}

const totalOf = (table: readonly (readonly number[])[]) => table.flat().reduce((sum, n) => sum + n, 0);

/**
 * Cohen's kappa for a square table of counts, with the large-sample standard error of Fleiss, Cohen and
 * Everitt (1969) and a normal interval: the same figures as statsmodels' `cohens_kappa`.
 */
export function cohensKappa(table: readonly (readonly number[])[]): Estimate | null {
  const n = totalOf(table);
  const q = table.length;
  if (n === 0) return null;
  const p = table.map((row) => row.map((count) => count / n));
  const rows = p.map((row) => row.reduce((sum, x) => sum + x, 0));
  const columns = p[0]!.map((_, j) => p.reduce((sum, row) => sum + row[j]!, 0));
  const observed = p.reduce((sum, row, i) => sum + row[i]!, 0);
  const expected = rows.reduce((sum, r, i) => sum + r * columns[i]!, 0);
  // Every case in one category for both assessors: chance explains it all, kappa is undefined.
  if (expected === 1) return null;
  const kappa = (observed - expected) / (1 - expected);
  let termA = 0;
  let termB = 0;
  for (let i = 0; i < q; i++) {
    termA += p[i]![i]! * (1 - (rows[i]! + columns[i]!) * (1 - kappa)) ** 2;
    for (let j = 0; j < q; j++) if (i !== j) termB += p[i]![j]! * (columns[i]! + rows[j]!) ** 2;
  }
  termB *= (1 - kappa) ** 2;
  const termC = (kappa - expected * (1 - kappa)) ** 2;
  const variance = (termA + termB - termC) / (1 - expected) ** 2 / n;
  const standardError = Math.sqrt(Math.max(variance, 0));
  const z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  return { value: kappa, standardError, low: kappa - z * standardError, high: kappa + z * standardError };
}

/**
 * Gwet's AC1 for a square table of counts (Gwet 2008), with its standard error and a Student t interval on
 * n - 1 degrees of freedom, as Gwet's own software gives them; no finite-population correction.
 */
export function gwetAc1(table: readonly (readonly number[])[]): Estimate | null {
  const n = totalOf(table);
  const q = table.length;
  if (n < 2) return null;
  const p = table.map((row) => row.map((count) => count / n));
  const rows = p.map((row) => row.reduce((sum, x) => sum + x, 0));
  const columns = p[0]!.map((_, j) => p.reduce((sum, row) => sum + row[j]!, 0));
  const pi = rows.map((r, k) => (r + columns[k]!) / 2);
  const observed = p.reduce((sum, row, i) => sum + row[i]!, 0);
  const chance = pi.reduce((sum, x) => sum + x * (1 - x), 0) / (q - 1);
  const ac1 = (observed - chance) / (1 - chance);
  let weighted = 0;
  for (let k = 0; k < q; k++)
    for (let l = 0; l < q; l++) {
      const term = (k === l ? 1 : 0) - (2 * (1 - ac1) * (1 - (pi[k]! + pi[l]!) / 2)) / (q - 1);
      weighted += p[k]![l]! * term ** 2;
    }
  const variance = (weighted - (observed - 2 * chance * (1 - ac1)) ** 2) / (n * (1 - chance) ** 2);
  const standardError = Math.sqrt(Math.max(variance, 0));
  const t = jStat.studentt.inv(1 - (1 - confidence) / 2, n - 1);
  return { value: ac1, standardError, low: ac1 - t * standardError, high: ac1 + t * standardError };
}

/** Every figure of agreement for a set of answer pairs. */
export function agreementOf(pairs: readonly AnswerPair[]): Agreement {
  const agreed = pairs.filter((pair) => pair.first === pair.second).length;
  const applicabilityDisagreements = pairs.filter(
    (pair) => pair.first !== pair.second && (pair.first === 'n/a' || pair.second === 'n/a'),
  ).length;
  const yesNo = yesNoTable(pairs);
  return {
    compared: pairs.length,
    agreed,
    percentAgreement: pairs.length === 0 ? null : (agreed / pairs.length) * 100,
    applicabilityDisagreements,
    yesNoDisagreements: yesNo[0][1] + yesNo[1][0],
    yesNo,
    kappa: cohensKappa(yesNo),
    ac1: gwetAc1(yesNo),
  };
}
