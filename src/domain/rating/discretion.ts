import type { Framework, Rating } from '../framework/model.js';
import { bandOf, rankOf, wholePercent } from './bands.js';
import type { DiscretionDecision, DiscretionReason, DiscretionResult, KeyQuestionResult } from './types.js';

/** A recorded discretion decision the rules do not allow. */
export class DiscretionError extends Error {
  constructor(
    readonly standardId: string,
    problem: string,
  ) {
    super(problem);
    this.name = 'DiscretionError';
  }
}

function nearBoundary(framework: Framework, limiting: KeyQuestionResult): DiscretionReason {
  const margin = framework.discretion.boundaryMarginPoints;
  const percent = limiting.percent!;
  const near = framework.keyQuestionBands.bands
    .filter((band) => band.minPercent > 0 && Math.abs(percent - band.minPercent) <= margin)
    .map((band) => {
      const distance = percent - band.minPercent;
      const [id, min, rating, points] = [limiting.id, band.minPercent, band.rating, Math.abs(distance)];
      // Each sentence whole, its numbers as values, so that a translation can hold it (docs/welsh.md).
      if (distance === 0) return `${id} at ${percent}% is on the ${min}% boundary of '${rating}'`;
      if (distance < 0)
        return points === 1
          ? `${id} at ${percent}% is 1 point below the ${min}% boundary of '${rating}'`
          : `${id} at ${percent}% is ${points} points below the ${min}% boundary of '${rating}'`;
      return points === 1
        ? `${id} at ${percent}% is 1 point above the ${min}% boundary of '${rating}'`
        : `${id} at ${percent}% is ${points} points above the ${min}% boundary of '${rating}'`;
    });
  return near.length > 0
    ? { code: 'nearBoundary', status: 'applies', detail: near.join('; ') }
    : {
        code: 'nearBoundary',
        status: 'doesNotApply',
        detail:
          margin === 1
            ? `${limiting.id} at ${percent}% is more than 1 point from a band boundary`
            : `${limiting.id} at ${percent}% is more than ${margin} points from a band boundary`,
      };
}

/** The standard's rating if one key question's 'Yes' count were `yes` instead. */
function ratingWith(framework: Framework, keyQuestions: KeyQuestionResult[], changed: number, yes: number): Rating {
  let lowest = Infinity;
  keyQuestions.forEach((kq, i) => {
    const percent = i === changed ? wholePercent(yes, kq.relevant!, framework.keyQuestionBands.rounding) : kq.percent;
    if (percent !== null) lowest = Math.min(lowest, percent);
  });
  return bandOf(framework, lowest).rating;
}

function oneCaseChange(framework: Framework, keyQuestions: KeyQuestionResult[], computed: Rating): DiscretionReason {
  if (keyQuestions.some((kq) => kq.percent !== null && kq.relevant === null))
    return {
      code: 'oneCaseChange',
      status: 'unknown',
      detail: "needs relevant cases and 'Yes' counts; only percentages were given",
    };
  const changes: string[] = [];
  keyQuestions.forEach((kq, i) => {
    if (kq.relevant === null || kq.yes === null || kq.relevant === 0) return;
    for (const [yes, what] of [
      [kq.yes + 1, "one more 'Yes'"],
      [kq.yes - 1, "one fewer 'Yes'"],
    ] as const) {
      if (yes < 0 || yes > kq.relevant) continue;
      const rating = ratingWith(framework, keyQuestions, i, yes);
      if (rating !== computed) changes.push(`${what} in ${kq.id} (${yes} of ${kq.relevant}) would give '${rating}'`);
    }
  });
  return changes.length > 0
    ? { code: 'oneCaseChange', status: 'applies', detail: changes.join('; ') }
    : { code: 'oneCaseChange', status: 'doesNotApply', detail: 'no single different answer changes the rating' };
}

function smallSample(framework: Framework, keyQuestions: KeyQuestionResult[]): DiscretionReason {
  const max = framework.discretion.smallSampleMaxCases;
  const limiting = keyQuestions.filter((kq) => kq.limiting);
  const ids = limiting.map((kq) => kq.id).join(', ');
  if (limiting.some((kq) => kq.relevant === null))
    return { code: 'smallSample', status: 'unknown', detail: `the number of relevant cases in ${ids} was not given` };
  const smallest = limiting.reduce((a, b) => (b.relevant! < a.relevant! ? b : a));
  const [id, relevant] = [smallest.id, smallest.relevant!];
  if (relevant <= max)
    return {
      code: 'smallSample',
      status: 'applies',
      detail:
        relevant === 1
          ? `${id} rests on 1 relevant case (${max} or fewer)`
          : `${id} rests on ${relevant} relevant cases (${max} or fewer)`,
    };
  return {
    code: 'smallSample',
    status: 'doesNotApply',
    detail:
      limiting.length > 1
        ? `the limiting key questions (${ids}) rest on more than ${max} relevant cases each`
        : relevant === 1
          ? `${id} rests on 1 relevant case (more than ${max})`
          : `${id} rests on ${relevant} relevant cases (more than ${max})`,
  };
}

/**
 * Whether the ratings panel may consider professional discretion, with every reason (Merton, Annexe 1),
 * and the decision a person recorded, if any. Only a person applies discretion; the engine only flags it.
 */
export function assessDiscretion(
  framework: Framework,
  standardId: string,
  keyQuestions: KeyQuestionResult[],
  limiting: KeyQuestionResult,
  computed: Rating,
  decision: DiscretionDecision | undefined,
): DiscretionResult {
  const reasons = [nearBoundary(framework, limiting)];
  if (framework.discretion.considerOneCaseChange) reasons.push(oneCaseChange(framework, keyQuestions, computed));
  reasons.push(smallSample(framework, keyQuestions));
  const eligible = reasons.some((r) => r.status === 'applies')
    ? true
    : reasons.some((r) => r.status === 'unknown')
      ? null
      : false;
  return {
    eligible,
    reasons,
    applied: decision ? applyDecision(framework, standardId, computed, eligible, decision) : null,
  };
}

function applyDecision(
  framework: Framework,
  standardId: string,
  computed: Rating,
  eligible: boolean | null,
  decision: DiscretionDecision,
): NonNullable<DiscretionResult['applied']> {
  const fail = (problem: string): never => {
    throw new DiscretionError(standardId, problem);
  };
  if (eligible === false)
    fail(`discretion cannot be applied to ${standardId}: none of the reasons for considering it applies`);
  const to = rankOf(framework, decision.rating);
  if (to < 0) fail(`unknown rating "${decision.rating}"`);
  const distance = Math.abs(to - rankOf(framework, computed));
  if (distance === 0) fail(`${standardId} is already rated '${computed}': discretion must change the rating`);
  if (distance > 1)
    fail(
      `discretion moves a rating by one band at most: ${standardId} is computed '${computed}', not next to '${decision.rating}'`,
    );
  const rationale = decision.rationale.trim().replace(/\.+$/, '');
  if (rationale === '') fail('a rationale is required');
  const note = framework.discretion.noteTemplate
    .replaceAll('{rationale}', rationale)
    .replaceAll('{rating}', decision.rating);
  return { from: computed, to: decision.rating, rationale, note };
}
