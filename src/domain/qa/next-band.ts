import { bandOf, wholePercent } from '../rating/bands.js';
import type { Framework, Rating } from '../framework/model.js';

export interface CasesToNextBand {
  rating: Rating;
  /** More 'Yes' in a row among the next relevant cases that would lift the band; null at the top band. */
  yesToRise: number | null;
  risesTo: Rating | null;
  /** More 'No' in a row among the next relevant cases that would drop the band; null at the bottom band. */
  noToDrop: number | null;
  dropsTo: Rating | null;
}

/** The framework's bands, best first, as the rating engine reads them. */
function bandIndex(framework: Framework, yes: number, relevant: number): number {
  const percent = wholePercent(yes, relevant, framework.keyQuestionBands.rounding);
  const band = bandOf(framework, percent);
  return framework.keyQuestionBands.bands.findIndex((b) => b === band);
}

/** Far enough for any band below 100%: each added case moves the percentage by at least 1/(n + m). */
const searchLimit = 100_000;

/** How many of the next relevant cases, all 'Yes' or all 'No', it takes to change the band. */
export function casesToNextBand(framework: Framework, yes: number, relevant: number): CasesToNextBand {
  const bands = framework.keyQuestionBands.bands;
  const now = bandIndex(framework, yes, relevant);
  let yesToRise: number | null = null;
  let noToDrop: number | null = null;
  if (now > 0) {
    for (let m = 1; m <= searchLimit && yesToRise === null; m++) {
      if (bandIndex(framework, yes + m, relevant + m) < now) yesToRise = m;
    }
  }
  if (now < bands.length - 1) {
    for (let m = 1; m <= searchLimit && noToDrop === null; m++) {
      if (bandIndex(framework, yes, relevant + m) > now) noToDrop = m;
    }
  }
  return {
    rating: bands[now]!.rating,
    yesToRise,
    risesTo: yesToRise === null ? null : bands[bandIndex(framework, yes + yesToRise, relevant + yesToRise)]!.rating,
    noToDrop,
    dropsTo: noToDrop === null ? null : bands[bandIndex(framework, yes, relevant + noToDrop)]!.rating,
  };
}
