import { describe, expect, it } from 'vitest';
import { cohensKappa, gwetAc1 } from '../../../src/domain/agreement/agreement.js';

/**
 * AC1 against the figures Gwet himself published for a worked example: the `cont3x3abstractors` table of
 * the irrCAC package (K. L. Gwet, "irrCAC: Computing Chance-Corrected Agreement Coefficients", R package
 * 1.0, 2019, README "Computing agreement Coefficients from Contingency tables"; github.com/kgwet/irrCAC),
 * which implements the AC1 and variance of Gwet (2008), "Computing inter-rater reliability and its
 * variance in the presence of high agreement", Br J Math Stat Psychol 61, 29-48, as set out in Gwet's
 * Handbook of Inter-Rater Reliability (4th ed., 2014). Two abstractors classify 100 pregnancies as ectopic,
 * abnormal intrauterine (AIU) or normal intrauterine (NIU). The published values are printed to seven
 * significant figures and the interval to three decimals; they are typed in here, never computed.
 */
const abstractors = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];

describe("Gwet's published worked example (irrCAC, cont3x3abstractors)", () => {
  it('gives the AC1, its standard error and its 95% interval that Gwet published', () => {
    const ac1 = gwetAc1(abstractors)!;
    expect(ac1.value).toBeCloseTo(0.8493305, 6);
    expect(ac1.standardError).toBeCloseTo(0.04321747, 7);
    // Published as (0.764,0.935).
    expect(ac1.low.toFixed(3)).toBe('0.764');
    expect(ac1.high.toFixed(3)).toBe('0.935');
  });

  it("gives the kappa Gwet published for the same table (its interval is Cohen's, checked against statsmodels)", () => {
    // irrCAC's kappa standard error (0.05891072) uses Gwet's variance, not the Fleiss-Cohen-Everitt one
    // statsmodels and this application give, so only the coefficient itself is compared here.
    expect(cohensKappa(abstractors)!.value).toBeCloseTo(0.7964094, 6);
  });

  it('shows the paradox the paper is about: on a lopsided table AC1 stays high where kappa falls', () => {
    const lopsided = [
      [118, 5],
      [2, 0],
    ];
    expect(cohensKappa(lopsided)!.value).toBeLessThan(0);
    expect(gwetAc1(lopsided)!.value).toBeGreaterThan(0.9);
  });
});
