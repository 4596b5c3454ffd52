import { newcombeDifference, wilsonInterval, type DifferenceInterval } from '../statistics/proportion.js';
import { bandOf, rankOf, wholePercent } from '../rating/bands.js';
import type { Framework, Rating, Standard } from '../framework/model.js';

/** One audit round or inspection, with 'Yes' and relevant counts per key question id. */
export interface RoundCounts {
  id: string;
  label: string;
  /** ISO date the round is placed at in time order. */
  date: string;
  counts: Readonly<Record<string, { yes: number; relevant: number }>>;
  /**
   * The version of the round's counts (equal versions mean equal counts), when the caller keeps one: with a
   * memo, a point of a round whose version, label and date are unchanged, and whose previous point has the
   * counts it was computed after, is served as kept.
   */
  version?: string;
}

/**
 * The points computed for earlier calls, by trend and round: a view after one round's answers changed
 * recomputes that round's points and the next round's changes only. Owned by the caller (one per framework
 * and scope), and bounded by the trends and rounds of what it is used for.
 */
export type TrendMemo = Map<string, { version: string; point: TrendPoint | null }>;

export interface TrendPoint {
  roundId: string;
  label: string;
  date: string;
  yes: number;
  relevant: number;
  percent: number;
  /** The 95% Wilson interval, as whole-number-free fractions of one. */
  lower: number;
  upper: number;
  rating: Rating;
  /** The key question a standard's figure is taken from (its lowest). */
  keyQuestionId: string;
  /** From the previous round with a figure; null for the first. */
  change: DifferenceInterval | null;
}

export interface Trend {
  id: string;
  title: string;
  kind: 'standard' | 'keyQuestion';
  points: TrendPoint[];
}

function point(
  framework: Framework,
  round: RoundCounts,
  keyQuestionId: string,
  previous: TrendPoint | undefined,
): TrendPoint {
  const { yes, relevant } = round.counts[keyQuestionId]!;
  const interval = wilsonInterval(yes, relevant);
  const percent = wholePercent(yes, relevant, framework.keyQuestionBands.rounding);
  return {
    roundId: round.id,
    label: round.label,
    date: round.date,
    yes,
    relevant,
    percent,
    lower: interval.lower,
    upper: interval.upper,
    rating: bandOf(framework, percent).rating,
    keyQuestionId,
    change: previous ? newcombeDifference(previous, { yes, relevant }) : null,
  };
}

/** The key question that sets the standard's band in a round: the lowest band, then the lowest share. */
export function limitingKeyQuestion(framework: Framework, standard: Standard, round: RoundCounts): string | null {
  let worst: { id: string; rank: number; share: number } | null = null;
  for (const kq of standard.keyQuestions) {
    const c = round.counts[kq.id];
    if (!c || c.relevant === 0) continue;
    const rank = rankOf(
      framework,
      bandOf(framework, wholePercent(c.yes, c.relevant, framework.keyQuestionBands.rounding)).rating,
    );
    const share = c.yes / c.relevant;
    if (!worst || rank > worst.rank || (rank === worst.rank && share < worst.share)) worst = { id: kq.id, rank, share };
  }
  return worst?.id ?? null;
}

/**
 * The point of one trend in one round, as kept in the memo when the round has a version and nothing it is
 * computed from has changed; `make` computes it otherwise (null: the round has no figure for the trend).
 */
function memoised(
  memo: TrendMemo | undefined,
  trendId: string,
  round: RoundCounts,
  previous: TrendPoint | undefined,
  make: () => TrendPoint | null,
): TrendPoint | null {
  if (!memo || round.version === undefined) return make();
  const key = `${trendId}|${round.id}`;
  // A point's change is computed from the previous point's counts: the same counts, the same change.
  const version = `${round.version}|${round.label}|${round.date}|${previous ? `${previous.yes}/${previous.relevant}` : ''}`;
  const kept = memo.get(key);
  if (kept?.version === version) return kept.point;
  const made = make();
  // A round's version moves with any of its answers: a point whose own figures did not move is the kept
  // object still, so that the caller finds a trend none of whose points moved unchanged too.
  const point = made && kept?.point && sameFigures(made, kept.point) ? kept.point : made;
  memo.set(key, { version, point });
  return point;
}

/** Whether two points (or their changes) hold the same figures. */
function sameFigures(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every(
      (k) =>
        x[k] === y[k] ||
        (typeof x[k] === 'object' &&
          typeof y[k] === 'object' &&
          x[k] !== null &&
          y[k] !== null &&
          sameFigures(x[k], y[k])),
    )
  );
}

/**
 * Each case-based standard and its key questions across the rounds, in time order. With a memo (and rounds
 * that carry versions), only the points of changed rounds, and the changes after them, are computed again.
 */
export function trendsOf(
  framework: Framework,
  rounds: readonly RoundCounts[],
  standardIds?: readonly string[],
  memo?: TrendMemo,
): Trend[] {
  const ordered = [...rounds].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.label.localeCompare(b.label),
  );
  const standards = framework.standards.filter(
    (s) => s.assessment === 'caseBased' && (!standardIds || standardIds.includes(s.id)),
  );
  const trends: Trend[] = [];
  for (const standard of standards) {
    const standardPoints: TrendPoint[] = [];
    for (const round of ordered) {
      const previous = standardPoints.at(-1);
      const made = memoised(memo, `standard ${standard.id}`, round, previous, () => {
        const limiting = limitingKeyQuestion(framework, standard, round);
        return limiting ? point(framework, round, limiting, previous) : null;
      });
      if (made) standardPoints.push(made);
    }
    trends.push({
      id: standard.id,
      title: `${standard.id} ${standard.title}`,
      kind: 'standard',
      points: standardPoints,
    });
    for (const kq of standard.keyQuestions) {
      const points: TrendPoint[] = [];
      for (const round of ordered) {
        const previous = points.at(-1);
        const made = memoised(memo, `key question ${kq.id}`, round, previous, () =>
          (round.counts[kq.id]?.relevant ?? 0) > 0 ? point(framework, round, kq.id, previous) : null,
        );
        if (made) points.push(made);
      }
      trends.push({ id: kq.id, title: `${kq.id} ${kq.text}`, kind: 'keyQuestion', points });
    }
  }
  return trends;
}
