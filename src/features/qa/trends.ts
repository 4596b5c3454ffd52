import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { rowsOf } from '../../platform/db/connect.js';
import type { Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import { organisationWith } from '../../policy/policy.js';
import {
  casesToNextBand,
  predictBands,
  predictionAssumptions,
  trendsOf,
  type RoundCounts,
} from '../../domain/qa/index.js';
import { requiredSampleSize } from '../../domain/sampling/index.js';

interface CountRow {
  inspection_id: string;
  label: string;
  at: string;
  question_id: string;
  yes: number;
  relevant: number;
}

/**
 * 'Yes' and relevant ('Yes' or 'No') answers per key question, per audit round and inspection of the
 * service on one framework: the figures behind the trend page.
 */
export async function roundCountsOf(db: Database, organisationId: string, frameworkId: string): Promise<RoundCounts[]> {
  const rows = rowsOf<CountRow>(
    await db.execute(sql`
      select i.id as inspection_id,
             coalesce(to_char(r.period_start, 'YYYY-MM-DD') || ' to ' || to_char(r.period_end, 'YYYY-MM-DD'), i.title) as label,
             to_char(coalesce(r.period_end, i.fieldwork_start, i.created_at::date), 'YYYY-MM-DD') as at,
             a.question_id,
             (count(*) filter (where a.answer = 'yes'))::int as yes,
             (count(*) filter (where a.answer <> 'n/a'))::int as relevant
      from inspections i
      left join qa_rounds r on r.inspection_id = i.id
      join cases c on c.inspection_id = i.id
      join answers a on a.case_id = c.id
      where i.organisation_id = ${organisationId} and i.framework_id = ${frameworkId}
      group by i.id, r.period_start, r.period_end, a.question_id`),
  );
  const keyQuestions = getFramework(frameworkId).keyQuestionById;
  const rounds = new Map<string, RoundCounts & { counts: Record<string, { yes: number; relevant: number }> }>();
  for (const row of rows) {
    if (!keyQuestions.has(row.question_id)) continue;
    const round = rounds.get(row.inspection_id) ?? {
      id: row.inspection_id,
      label: row.label,
      date: row.at,
      counts: {},
    };
    round.counts[row.question_id] = { yes: row.yes, relevant: row.relevant };
    rounds.set(row.inspection_id, round);
  }
  return [...rounds.values()];
}

/** Cases per inspection and case domain, for the share of cases a key question is relevant to. */
async function casesByDomain(db: Database, inspectionId: string): Promise<Map<string, number>> {
  const rows = rowsOf<{ domain: string; n: number }>(
    await db.execute(
      sql`select domain, count(*)::int as n from cases where inspection_id = ${inspectionId} group by domain`,
    ),
  );
  return new Map(rows.map((r) => [r.domain, r.n]));
}

export interface TrendOptions {
  frameworkId?: string | undefined;
  standards?: readonly string[] | null | undefined;
  /** Cases an inspection would sample; by default the sampler's size for the last round's population. */
  sampled?: number | undefined;
  populationSize?: number | null | undefined;
}

export function createTrendService(db: Database) {
  return {
    async trends(actor: Actor, organisationId: string, options: TrendOptions = {}) {
      await organisationWith(db, actor, organisationId, 'qa.view');
      const frameworkId = options.frameworkId ?? frameworkIds().at(-1)!;
      if (!frameworkIds().includes(frameworkId)) throw new ValidationError({ framework: 'Select a framework version' });
      if (
        options.sampled !== undefined &&
        !(Number.isInteger(options.sampled) && options.sampled >= 1 && options.sampled <= 500)
      )
        throw new ValidationError({ n: 'Cases sampled must be a whole number from 1 to 500' });
      const framework = getFramework(frameworkId);
      const rounds = await roundCountsOf(db, organisationId, frameworkId);
      // Standards no round has a figure for are left out: a thematic audit shows only its own.
      const all = trendsOf(framework, rounds, options.standards ?? undefined);
      const withFigures = new Set(all.filter((t) => t.kind === 'standard' && t.points.length).map((t) => t.id));
      const trends = all.filter((t) =>
        withFigures.has(t.kind === 'standard' ? t.id : framework.keyQuestionById.get(t.id)!.standard.id),
      );
      const latest = trends
        .flatMap((t) => t.points)
        .reduce<string | null>((d, p) => (!d || p.date > d ? p.date : d), null);
      const latestRound = rounds.find((r) => r.date === latest) ?? null;
      const sampled =
        options.sampled ?? (options.populationSize ? requiredSampleSize(options.populationSize, 0.8, 0.05).size : 20);
      const domainCases = latestRound ? await casesByDomain(db, latestRound.id) : new Map<string, number>();
      const predictions = latestRound
        ? framework.standards
            .filter((s) => trends.some((t) => t.kind === 'standard' && t.id === s.id))
            .map((standard) => {
              const counts = standard.keyQuestions
                .filter((kq) => (latestRound.counts[kq.id]?.relevant ?? 0) > 0)
                .map((kq) => ({ id: kq.id, ...latestRound.counts[kq.id]! }));
              return {
                standard,
                nextBand: counts.map((c) => ({ id: c.id, ...casesToNextBand(framework, c.yes, c.relevant) })),
                prediction: predictBands(framework, counts, domainCases.get(standard.caseDomain ?? '') ?? 0, sampled),
              };
            })
        : [];
      return {
        framework,
        rounds,
        trends,
        latestRound,
        sampled,
        sampledFrom: options.sampled !== undefined ? 'chosen' : options.populationSize ? 'sampler' : 'default',
        predictions,
        assumptions: predictionAssumptions,
      };
    },
  };
}

export type TrendService = ReturnType<typeof createTrendService>;
