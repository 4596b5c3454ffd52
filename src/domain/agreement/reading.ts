import type { Agreement, Estimate } from './agreement.js';

/** Landis and Koch's (1977) words for a coefficient of agreement: a convention, not a test. */
const strengths: { from: number; words: string }[] = [
  { from: 0.81, words: 'almost perfect' },
  { from: 0.61, words: 'substantial' },
  { from: 0.41, words: 'moderate' },
  { from: 0.21, words: 'fair' },
  { from: 0, words: 'slight' },
];

/** Fewer Yes/No pairs than this and an interval is too wide to read much into. */
export const fewestPairsToRead = 10;
/** From this share of 'Yes' answers, kappa is pulled down by prevalence (the "kappa paradox"). */
const highPrevalence = 0.9;

export function strengthOf(value: number): string {
  return strengths.find((band) => value >= band.from)?.words ?? 'poor (worse than chance)';
}

const twoPlaces = (x: number) => x.toFixed(2);
const interval = (e: Estimate) => `${twoPlaces(e.value)} (95% interval ${twoPlaces(e.low)} to ${twoPlaces(e.high)})`;

/** The share of Yes among all Yes/No answers of both assessors. */
export function yesShare(agreement: Agreement): number | null {
  const [[yy, yn], [ny, nn]] = agreement.yesNo;
  const answers = 2 * (yy + yn + ny + nn);
  return answers === 0 ? null : (2 * yy + yn + ny) / answers;
}

/** A plain-words reading of the figures, with the caveat that applies to them. */
export function readingOf(agreement: Agreement): string {
  const pairs = agreement.compared - agreement.applicabilityDisagreements;
  if (agreement.compared === 0) return 'No answers have been compared yet.';
  const parts = [
    `The assessors gave the same answer in ${agreement.agreed} of ${agreement.compared} (${Math.round(agreement.percentAgreement!)}%).`,
  ];
  if (agreement.applicabilityDisagreements > 0)
    parts.push(
      `In ${agreement.applicabilityDisagreements} one of them judged the question not applicable and the other did not: a disagreement about relevance, left out of kappa and AC1.`,
    );
  if (agreement.kappa && agreement.ac1) {
    parts.push(
      `Beyond chance, agreement is ${strengthOf(agreement.ac1.value)} by Gwet's AC1, ${interval(agreement.ac1)}, and ${strengthOf(agreement.kappa.value)} by Cohen's kappa, ${interval(agreement.kappa)}.`,
    );
    const share = yesShare(agreement);
    if (share !== null && share >= highPrevalence)
      parts.push(
        `Almost every answer is 'Yes' (${Math.round(share * 100)}%): kappa falls when one answer dominates, even where the assessors agree, so read AC1, which does not.`,
      );
  } else if (agreement.ac1) {
    parts.push(
      `Beyond chance, agreement is ${strengthOf(agreement.ac1.value)} by Gwet's AC1, ${interval(agreement.ac1)}; kappa cannot be computed when both assessors gave one answer only.`,
    );
  }
  if (pairs < fewestPairsToRead)
    parts.push(`Only ${pairs} Yes/No pairs: too few to rely on; the intervals show how little they tell.`);
  return parts.join(' ');
}
