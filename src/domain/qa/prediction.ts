import { betaBinomialDistribution } from '../statistics/beta-binomial.js';
import { bandOf, wholePercent } from '../rating/bands.js';
import type { Framework, Rating } from '../framework/model.js';

/** Below this many relevant cases in the round, a key question's figure says too little to predict from. */
export const minimumRelevantCases = 5;

export interface KeyQuestionCounts {
  id: string;
  yes: number;
  relevant: number;
}

export interface BandProbability {
  rating: Rating;
  probability: number;
}

export type Prediction =
  | { status: 'tooFew'; reason: string }
  | {
      status: 'predicted';
      /** Cases the inspection samples for the standard. */
      sampled: number;
      /** Per key question: how many of the sampled cases are expected to be relevant to it. */
      relevantInSample: Record<string, number>;
      keyQuestions: Record<string, BandProbability[]>;
      /** The standard takes its lowest key question. */
      standard: BandProbability[];
    };

export const predictionAssumptions = [
  "Each key question's rate of 'Yes' is uncertain: a uniform prior, Beta(1, 1), updated with the round's counts.",
  "An inspection sample is drawn from the same cases and practice as the round; each sampled case is 'Yes' at that rate.",
  'Of the n sampled cases, a key question is relevant to the same share as in the round (rounded to a whole case).',
  'Key questions are independent of one another, so the standard band is the lowest of independent key-question bands.',
  `Fewer than ${minimumRelevantCases} relevant cases in the round for any key question: too few cases to tell.`,
] as const;

/** P(band) for one key question: the beta-binomial predictive distribution of 'Yes' among m relevant cases. */
function keyQuestionBands(framework: Framework, counts: KeyQuestionCounts, m: number): number[] {
  const bands = framework.keyQuestionBands.bands;
  const byBand = bands.map(() => 0);
  const distribution = betaBinomialDistribution(m, counts.yes + 1, counts.relevant - counts.yes + 1);
  distribution.forEach((probability, k) => {
    const band = bandOf(framework, wholePercent(k, m, framework.keyQuestionBands.rounding));
    byBand[bands.findIndex((b) => b === band)]! += probability;
  });
  return byBand;
}

/**
 * The probability that an inspection sampling n of the standard's cases would put each key question and
 * the standard in each band, computed exactly by combining the key questions' distributions.
 */
export function predictBands(
  framework: Framework,
  keyQuestions: readonly KeyQuestionCounts[],
  assessedCases: number,
  sampled: number,
): Prediction {
  const bands = framework.keyQuestionBands.bands;
  if (keyQuestions.length === 0) return { status: 'tooFew', reason: 'no key question has been answered' };
  const few = keyQuestions.find((kq) => kq.relevant < minimumRelevantCases);
  if (few) {
    return {
      status: 'tooFew',
      reason: `${few.id} has ${few.relevant} relevant cases, fewer than ${minimumRelevantCases}`,
    };
  }
  if (!Number.isInteger(sampled) || sampled < 1) return { status: 'tooFew', reason: 'the inspection samples no case' };
  const relevantInSample: Record<string, number> = {};
  const perKeyQuestion: Record<string, number[]> = {};
  for (const kq of keyQuestions) {
    const m = Math.max(1, Math.round((sampled * kq.relevant) / Math.max(assessedCases, kq.relevant)));
    relevantInSample[kq.id] = m;
    perKeyQuestion[kq.id] = keyQuestionBands(framework, kq, m);
  }
  // P(lowest band is this one or better) is the product of each key question's P(this one or better).
  const atLeast = bands.map((_, j) =>
    Object.values(perKeyQuestion).reduce((product, p) => product * p.slice(0, j + 1).reduce((s, x) => s + x, 0), 1),
  );
  const standard = bands.map((band, j) => ({
    rating: band.rating,
    probability: atLeast[j]! - (j === 0 ? 0 : atLeast[j - 1]!),
  }));
  const named = (p: number[]) => bands.map((band, j) => ({ rating: band.rating, probability: p[j]! }));
  return {
    status: 'predicted',
    sampled,
    relevantInSample,
    keyQuestions: Object.fromEntries(Object.entries(perKeyQuestion).map(([id, p]) => [id, named(p)])),
    standard,
  };
}
