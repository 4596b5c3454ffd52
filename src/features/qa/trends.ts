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
  /** A thematic round's standards; null for a round of the whole framework and for an inspection. */
  standards: string[] | null;
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
  const keyQuestions = getFramework(frameworkId).keyQuestionById;
  // Only the key questions' answers are counted: the prompts are four in five of the answers.
  const keyQuestionIds = [...keyQuestions.keys()].join(',');
  const rows = rowsOf<CountRow>(
    await db.execute(sql`
      select i.id as inspection_id, p.standards,
             coalesce(to_char(r.period_start, 'YYYY-MM-DD') || ' to ' || to_char(r.period_end, 'YYYY-MM-DD'), i.title) as label,
             to_char(coalesce(r.period_end, i.fieldwork_start, i.created_at::date), 'YYYY-MM-DD') as at,
             a.question_id,
             (count(*) filter (where a.answer = 'yes'))::int as yes,
             (count(*) filter (where a.answer <> 'n/a'))::int as relevant
      from inspections i
      left join qa_rounds r on r.inspection_id = i.id
      left join qa_programmes p on p.id = r.programme_id
      join cases c on c.inspection_id = i.id
      join answers a on a.case_id = c.id
      where i.organisation_id = ${organisationId} and i.framework_id = ${frameworkId}
        and a.question_id = any(string_to_array(${keyQuestionIds}::text, ','))
      group by i.id, p.standards, r.period_start, r.period_end, a.question_id`),
  );
  const rounds = new Map<string, RoundCounts & { counts: Record<string, { yes: number; relevant: number }> }>();
  for (const row of rows) {
    const keyQuestion = keyQuestions.get(row.question_id);
    // A thematic round counts only for its own standards, whatever else was answered on its cases.
    if (!keyQuestion || (row.standards && !row.standards.includes(keyQuestion.standard.id))) continue;
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
async function casesByDomain(
  db: Database,
  inspectionIds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const rows = inspectionIds.length
    ? rowsOf<{ inspection_id: string; domain: string; n: number }>(
        await db.execute(sql`
          select inspection_id, domain, count(*)::int as n from cases
          where inspection_id = any(string_to_array(${inspectionIds.join(',')}::text, ',')::uuid[])
          group by inspection_id, domain`),
      )
    : [];
  const byInspection = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!byInspection.has(row.inspection_id)) byInspection.set(row.inspection_id, new Map());
    byInspection.get(row.inspection_id)!.set(row.domain, row.n);
  }
  return byInspection;
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
      // Each standard's prediction is taken from its own latest round with a figure, so that narrowing the
      // page to some standards never changes the figures of the others.
      const latestRound = [...rounds].sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0))[0] ?? null;
      const sampled =
        options.sampled ?? (options.populationSize ? requiredSampleSize(options.populationSize, 0.8, 0.05).size : 20);
      const lastOf = (standardId: string) =>
        trends.find((t) => t.kind === 'standard' && t.id === standardId)?.points.at(-1);
      const domainCases = await casesByDomain(db, [
        ...new Set(framework.standards.map((s) => lastOf(s.id)?.roundId).filter((id): id is string => !!id)),
      ]);
      const predictions = [];
      for (const standard of framework.standards) {
        const last = lastOf(standard.id);
        if (!last) continue;
        const round = rounds.find((r) => r.id === last.roundId)!;
        const counts = standard.keyQuestions
          .filter((kq) => (round.counts[kq.id]?.relevant ?? 0) > 0)
          .map((kq) => ({ id: kq.id, ...round.counts[kq.id]! }));
        predictions.push({
          standard,
          round: { id: round.id, label: round.label },
          nextBand: counts.map((c) => ({ id: c.id, ...casesToNextBand(framework, c.yes, c.relevant) })),
          prediction: predictBands(
            framework,
            counts,
            domainCases.get(round.id)?.get(standard.caseDomain ?? '') ?? 0,
            sampled,
          ),
        });
      }
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
