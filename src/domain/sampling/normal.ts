/**
 * The standard normal distribution: its CDF and its inverse (the quantile), with no dependency.
 *
 * The quantile is Peter Acklam's rational approximation (relative error below 1.15e-9), refined by one
 * Halley step against an accurate CDF, which brings it to double precision (checked against SciPy's
 * `norm.ppf` in test/sampling/scipy-cross-check.test.ts). The CDF uses erfc computed as CPython's
 * fallback did: a power series near zero and a continued fraction beyond, both accurate to a few ulps.
 */

const sqrtPi = 1.772453850905516;
const erfSeriesCutoff = 1.5;
const erfSeriesTerms = 25;
const erfcContinuedFractionCutoff = 30;
const erfcContinuedFractionTerms = 50;

/** erf(x) for |x| < 1.5, by its power series. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let acc = 0;
  let fk = erfSeriesTerms + 0.5;
  for (let i = 0; i < erfSeriesTerms; i++) {
    acc = 2 + (x2 * acc) / fk;
    fk -= 1;
  }
  return (acc * x * Math.exp(-x2)) / sqrtPi;
}

/** erfc(x) for x >= 1.5, by its continued fraction (zero from 30 on: below the smallest double). */
function erfcContinuedFraction(x: number): number {
  if (x >= erfcContinuedFractionCutoff) return 0;
  const x2 = x * x;
  let a = 0;
  let da = 0.5;
  let p = 1;
  let pLast = 0;
  let q = da + x2;
  let qLast = 1;
  for (let i = 0; i < erfcContinuedFractionTerms; i++) {
    a += da;
    da += 2;
    const b = da + x2;
    [p, pLast] = [b * p - a * pLast, p];
    [q, qLast] = [b * q - a * qLast, q];
  }
  return ((p / q) * x * Math.exp(-x2)) / sqrtPi;
}

/** The complementary error function. */
export function erfc(x: number): number {
  const abs = Math.abs(x);
  if (abs < erfSeriesCutoff) return 1 - erfSeries(x);
  const fraction = erfcContinuedFraction(abs);
  return x > 0 ? fraction : 2 - fraction;
}

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

const a = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const c = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const pLow = 0.02425;

/** Horner's rule: coefficients from the highest power down. */
const poly = (coefficients: number[], x: number) => coefficients.reduce((sum, k) => sum * x + k, 0);

/** Acklam's approximation alone, for p <= 0.5 (the caller uses the symmetry for the upper half). */
function acklam(p: number): number {
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** The x with P(Z <= x) = p: for a two-sided confidence level C, z = normalQuantile(1 - (1 - C) / 2). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`a probability must be between 0 and 1, not ${p}`);
  }
  // For p above a half, 1 - p is exact, and the lower tail keeps the CDF's relative precision.
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklam(p);
  // One Halley step: the error of the CDF at x, scaled by the density, corrects x to full precision.
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
