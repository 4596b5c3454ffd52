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
}

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

/** Each case-based standard and its key questions across the rounds, in time order. */
export function trendsOf(
  framework: Framework,
  rounds: readonly RoundCounts[],
  standardIds?: readonly string[],
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
      const limiting = limitingKeyQuestion(framework, standard, round);
      if (limiting) standardPoints.push(point(framework, round, limiting, standardPoints.at(-1)));
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
        if ((round.counts[kq.id]?.relevant ?? 0) > 0) points.push(point(framework, round, kq.id, points.at(-1)));
      }
      trends.push({ id: kq.id, title: `${kq.id} ${kq.text}`, kind: 'keyQuestion', points });
    }
  }
  return trends;
}
