import jStat from 'jstat';

/**
 * The beta-binomial probability of k successes in n trials with Beta(alpha, beta) uncertainty about the
 * rate: C(n, k) B(k + alpha, n - k + beta) / B(alpha, beta), from jStat's log-beta and log-binomial
 * coefficient (no kept npm package ships the beta-binomial itself; SciPy's betabinom checks it).
 */
export function betaBinomialPmf(k: number, n: number, alpha: number, beta: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0)
    throw new RangeError(`k and n must be whole, not ${k} of ${n}`);
  if (!(alpha > 0 && beta > 0)) throw new RangeError(`alpha and beta must be positive, not ${alpha}, ${beta}`);
  if (k < 0 || k > n) return 0;
  return Math.exp(jStat.combinationln(n, k) + jStat.betaln(k + alpha, n - k + beta) - jStat.betaln(alpha, beta));
}

/** Every k from 0 to n: the whole predictive distribution. */
export function betaBinomialDistribution(n: number, alpha: number, beta: number): number[] {
  return Array.from({ length: n + 1 }, (_, k) => betaBinomialPmf(k, n, alpha, beta));
}
