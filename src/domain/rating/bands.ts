import type { Framework, Rating } from '../framework/model.js';

type Rounding = Framework['keyQuestionBands']['rounding'];

/** yes / relevant as a whole percentage, in integer arithmetic so that 12.5 is exactly a half. */
export function wholePercent(yes: number, relevant: number, rounding: Rounding): number {
  if (rounding === 'down') return Math.floor((100 * yes) / relevant);
  return Math.floor((200 * yes + relevant) / (2 * relevant));
}

export function bandOf(framework: Framework, percent: number): { label: string; rating: Rating } {
  const band = framework.keyQuestionBands.bands.find((b) => percent >= b.minPercent);
  if (!band) throw new RangeError(`no band for ${percent}%`);
  return band;
}

export function overallRatingOf(framework: Framework, score: number): Rating {
  const band = framework.overallBands.find((b) => score >= b.minScore);
  if (!band) throw new RangeError(`no overall band for a score of ${score}`);
  return band.rating;
}

/** Rank in the scale, best first: 0 is the best rating. */
export function rankOf(framework: Framework, rating: Rating): number {
  return framework.ratingScale.findIndex((r) => r.rating === rating);
}
