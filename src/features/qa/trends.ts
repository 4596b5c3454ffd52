import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { rowsOf, type Queryable } from '../../platform/db/connect.js';
import { versionedCache } from '../../platform/db/versioned-cache.js';
import type { Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import { organisationWith } from '../../policy/policy.js';
import {
  casesToNextBand,
  predictBands,
  predictionAssumptions,
  trendsOf,
  type CasesToNextBand,
  type Prediction,
  type RoundCounts,
  type Trend,
  type TrendMemo,
} from '../../domain/qa/index.js';
import type { Framework } from '../../domain/framework/model.js';
import { requiredSampleSize } from '../../domain/sampling/index.js';

/** A service's inspections and audit rounds on one framework, with the version of each one's answers. */
interface InspectionRow {
  id: string;
  /** The inspection's change count and the sum of its cases' (answers, cases added or removed). */
  version: string;
  /** A thematic round's standards; null for a round of the whole framework and for an inspection. */
  standards: string[] | null;
  label: string;
  at: string;
}

/** The service's inspections on the framework, each with its version and its round's label, date and standards. */
const listedSql = (organisationId: string, frameworkId: string) => sql`
  select i.id, p.standards,
         i.change_count || ':' || (select coalesce(sum(c.change_count), 0) from cases c where c.inspection_id = i.id) as version,
         coalesce(to_char(r.period_start, 'YYYY-MM-DD') || ' to ' || to_char(r.period_end, 'YYYY-MM-DD'), i.title) as label,
         to_char(coalesce(r.period_end, i.fieldwork_start, i.created_at::date), 'YYYY-MM-DD') as at
  from inspections i
  left join qa_rounds r on r.inspection_id = i.id
  left join qa_programmes p on p.id = r.programme_id
  where i.organisation_id = ${organisationId} and i.framework_id = ${frameworkId}`;

/**
 * 'Yes' and relevant ('Yes' or 'No') answers per inspection and key question, and cases per inspection and
 * domain, grouped in SQL, for the inspections `ids` selects. Only the key questions' answers are counted: the
 * prompts are four in five of the answers.
 */
const countsSql = (keyQuestions: string, ids: SQL) => sql`
  select c.inspection_id, a.question_id, c.domain,
         (count(a.answer) filter (where a.answer = 'yes'))::int as yes,
         (count(a.answer) filter (where a.answer <> 'n/a'))::int as relevant,
         count(distinct c.id)::int as cases
  from cases c
  left join answers a on a.case_id = c.id
    and a.question_id = any(string_to_array(${keyQuestions}::text, ','))
  where c.inspection_id in (${ids})
  group by grouping sets ((c.inspection_id, a.question_id), (c.inspection_id, c.domain))`;

/** The framework's key questions, as the statements take them. */
const keyQuestionsOf = (frameworkId: string) => [...getFramework(frameworkId).keyQuestionById.keys()].join(',');

type CountRow = {
  inspection_id: string;
  question_id: string | null;
  domain: string | null;
  yes: number;
  relevant: number;
  cases: number;
};

/** One inspection's 'Yes' and relevant answers per key question, and its cases per case domain. */
interface InspectionCounts {
  counts: Record<string, { yes: number; relevant: number }>;
  casesByDomain: Record<string, number>;
}

/** The counted rows by inspection: every one of `inspectionIds` has its counts, empty if it has no case. */
function countsByInspection(inspectionIds: readonly string[], rows: readonly CountRow[]) {
  const byInspection = new Map<string, InspectionCounts>(
    inspectionIds.map((id) => [id, { counts: {}, casesByDomain: {} }]),
  );
  for (const row of rows) {
    const kept = byInspection.get(row.inspection_id);
    if (!kept) continue;
    if (row.domain !== null) kept.casesByDomain[row.domain] = row.cases;
    else if (row.question_id !== null) kept.counts[row.question_id] = { yes: row.yes, relevant: row.relevant };
  }
  return byInspection;
}

/** The counts of the given inspections in one aggregate statement. */
async function countsOf(db: Queryable, frameworkId: string, inspectionIds: readonly string[]) {
  const ids = sql`select unnest(string_to_array(${inspectionIds.join(',')}::text, ',')::uuid[])`;
  return countsByInspection(
    inspectionIds,
    rowsOf<CountRow>(await db.execute(countsSql(keyQuestionsOf(frameworkId), ids))),
  );
}

/**
 * The service's inspections on the framework with their versions (their change count and the sum of their
 * cases', which every answer written, changed or deleted bumps, by the triggers of 0005_hotpaths_sql.sql:
 * equal versions mean equal answers), and, in the same statement, the counts of those not among `kept` (the
 * versions already counted, "id@version"): a view after one answer changed reads its versions and counts in
 * one round trip, and counts that one inspection only. Both are read in one snapshot, so each count is of
 * the version beside it.
 */
async function inspectionsOf(
  db: Queryable,
  organisationId: string,
  frameworkId: string,
  known: readonly string[],
  kept: readonly string[],
): Promise<{ inspections: InspectionRow[]; counted: Map<string, InspectionCounts> }> {
  // A framework this build does not know has no inspections here, and nothing to count.
  const keyQuestions = known.includes(frameworkId) ? keyQuestionsOf(frameworkId) : '';
  const ids = sql`select id from listed where id::text || '@' || version <> all(string_to_array(${kept.join(',')}::text, ','))`;
  const rows = rowsOf<(InspectionRow & { kind: 'inspection' }) | (CountRow & { kind: 'counts' })>(
    await db.execute(sql`
      with listed as (${listedSql(organisationId, frameworkId)}), counted as (${countsSql(keyQuestions, ids)})
      select 'inspection' as kind, id, standards, version, label, at,
             null::uuid as inspection_id, null::text as question_id, null::text as domain, 0 as yes, 0 as relevant, 0 as cases
      from listed
      union all
      select 'counts', null, null, null, null, null, inspection_id, question_id, domain, yes, relevant, cases from counted
      order by kind desc, id`),
  );
  const inspections: InspectionRow[] = [];
  const counts: CountRow[] = [];
  for (const row of rows)
    if (row.kind === 'inspection')
      inspections.push({ id: row.id, standards: row.standards, version: row.version, label: row.label, at: row.at });
    else counts.push(row);
  const wasKept = new Set(kept);
  const fresh = inspections.filter((i) => !wasKept.has(`${i.id}@${i.version}`)).map((i) => i.id);
  return { inspections, counted: countsByInspection(fresh, counts) };
}

/**
 * Each inspection's counts as a round; a thematic round counts only for its own standards. A round is kept
 * in the memo under its inspection's version, label, date and standards, so that an unchanged round is the
 * same object from view to view.
 */
function roundsOf(
  framework: Framework,
  inspections: readonly InspectionRow[],
  counted: Map<string, InspectionCounts>,
  memo: RoundMemo['rounds'],
): RoundCounts[] {
  const rounds: RoundCounts[] = [];
  for (const inspection of inspections) {
    const version = `${inspection.version}|${inspection.standards?.join(',') ?? '*'}`;
    const whole = `${version}|${inspection.label}|${inspection.at}`;
    let kept = memo.get(inspection.id);
    if (kept?.version !== whole) {
      const counts: Record<string, { yes: number; relevant: number }> = {};
      for (const [questionId, c] of Object.entries(counted.get(inspection.id)!.counts)) {
        const standardId = framework.keyQuestionById.get(questionId)?.standard.id;
        if (standardId && (!inspection.standards || inspection.standards.includes(standardId))) counts[questionId] = c;
      }
      kept = {
        version: whole,
        round: Object.keys(counts).length
          ? { id: inspection.id, label: inspection.label, date: inspection.at, counts, version }
          : null,
      };
      memo.set(inspection.id, kept);
    }
    if (kept.round) rounds.push(kept.round);
  }
  return rounds;
}

/** What the trend page shows, computed once per version of its inputs. */
interface TrendFigures {
  rounds: RoundCounts[];
  trends: Trend[];
  latestRound: RoundCounts | null;
  predictions: {
    standardId: string;
    round: { id: string; label: string };
    nextBand: (CasesToNextBand & { id: string })[];
    prediction: Prediction;
  }[];
}

/** What is kept per round for one service, framework and scope. */
interface RoundMemo {
  rounds: Map<string, { version: string; round: RoundCounts | null }>;
  points: TrendMemo;
  /** By standard, under the counts it is predicted from. */
  predictions: Map<string, { version: string; value: Omit<TrendFigures['predictions'][number], 'round'> }>;
  /** The trends of the last figures, by id: a trend whose points are all as kept is served as the same object. */
  trends: Map<string, Trend>;
}

/**
 * The trend as kept when its title and every point are the ones kept (the memo's points are the same objects
 * from view to view): after one round changed, the trends it left alone are the objects of the last view, so
 * the page's kept charts are found without writing those trends out again.
 */
function keptTrend(memo: RoundMemo, trend: Trend): Trend {
  const kept = memo.trends.get(trend.id);
  if (
    kept?.title === trend.title &&
    kept.kind === trend.kind &&
    kept.points.length === trend.points.length &&
    kept.points.every((p, i) => p === trend.points[i])
  )
    return kept;
  memo.trends.set(trend.id, trend);
  return trend;
}

export interface TrendOptions {
  frameworkId?: string | undefined;
  standards?: readonly string[] | null | undefined;
  /** Cases an inspection would sample; by default the sampler's size for the last round's population. */
  sampled?: number | undefined;
  populationSize?: number | null | undefined;
}

export function createTrendService(db: Database) {
  // Kept as the ratings are: each inspection's counts once per version of its answers, and the figures once per
  // version of all the service's; the versions are read from the change counters on every view, so a change
  // is seen at once, in any process. After one answer changes, only its inspection is counted again.
  const counted = versionedCache<InspectionCounts>(20_000);
  const computed = versionedCache<TrendFigures>();
  // Kept per round, under the round's version: each trend's point in each round, and each standard's
  // prediction from its latest round. After one round changed, a view recomputes the statistics of that round
  // only (and the change from it in the next round), and assembles the figures from the kept points.
  const memos = new Map<string, RoundMemo>();
  // The versions last counted for each service and framework ("id@version"): the statement that reads the
  // versions counts the others beside them.
  const lastCounted = new Map<string, string[]>();
  function memoOf(key: string): RoundMemo {
    let memo = memos.get(key);
    memos.delete(key);
    // Deleted rounds leave their points behind: a memo grown past any one service's use starts again.
    if (!memo || memo.points.size > 20_000)
      memo = { rounds: new Map(), points: new Map(), predictions: new Map(), trends: new Map() };
    memos.set(key, memo);
    if (memos.size > 200) memos.delete(memos.keys().next().value!);
    return memo;
  }

  async function figuresOf(
    framework: Framework,
    inspections: readonly InspectionRow[],
    read: Map<string, InspectionCounts>,
    standards: readonly string[] | null,
    sampled: number,
    memo: RoundMemo,
  ): Promise<TrendFigures> {
    // The counts read with the versions; those not read there (kept when the versions were read, and no
    // longer) are counted now.
    const byInspection = await counted.many(
      inspections.map((i) => ({ key: i.id, version: i.version })),
      async (ids) => {
        const missing = ids.filter((id) => !read.has(id));
        const more = missing.length ? await countsOf(db, framework.id, missing) : new Map<string, InspectionCounts>();
        return new Map(ids.map((id) => [id, read.get(id) ?? more.get(id)!]));
      },
    );
    const rounds = roundsOf(framework, inspections, byInspection, memo.rounds);
    // Standards no round has a figure for are left out: a thematic audit shows only its own.
    const all = trendsOf(framework, rounds, standards ?? undefined, memo.points).map((trend) => keptTrend(memo, trend));
    const withFigures = new Set(all.filter((t) => t.kind === 'standard' && t.points.length).map((t) => t.id));
    const trends = all.filter((t) =>
      withFigures.has(t.kind === 'standard' ? t.id : framework.keyQuestionById.get(t.id)!.standard.id),
    );
    // Each standard's prediction is taken from its own latest round with a figure, so that narrowing the
    // page to some standards never changes the figures of the others.
    const latestRound = [...rounds].sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0))[0] ?? null;
    const lastOf = (standardId: string) =>
      trends.find((t) => t.kind === 'standard' && t.id === standardId)?.points.at(-1);
    const predictions = [];
    for (const standard of framework.standards) {
      const last = lastOf(standard.id);
      if (!last) continue;
      const round = rounds.find((r) => r.id === last.roundId)!;
      const assessed = byInspection.get(round.id)!.casesByDomain[standard.caseDomain ?? ''] ?? 0;
      const counts = standard.keyQuestions
        .filter((kq) => (round.counts[kq.id]?.relevant ?? 0) > 0)
        .map((kq) => ({ id: kq.id, ...round.counts[kq.id]! }));
      // Predicted again only when what it is computed from changed: another standard's answers leave it kept.
      const version = `${counts.map((c) => `${c.id}:${c.yes}/${c.relevant}`).join(',')}|${assessed}|${sampled}`;
      let kept = memo.predictions.get(standard.id);
      if (kept?.version !== version) {
        kept = {
          version,
          value: {
            standardId: standard.id,
            nextBand: counts.map((c) => ({ id: c.id, ...casesToNextBand(framework, c.yes, c.relevant) })),
            prediction: predictBands(framework, counts, assessed, sampled),
          },
        };
        memo.predictions.set(standard.id, kept);
      }
      predictions.push({ ...kept.value, round: { id: round.id, label: round.label } });
    }
    return { rounds, trends, latestRound, predictions };
  }

  return {
    async trends(actor: Actor, organisationId: string, options: TrendOptions = {}) {
      const known = frameworkIds();
      const frameworkId = options.frameworkId ?? known.at(-1)!;
      // The versions are read beside the access check, and used only once it has passed. They are read before
      // the counts, so what is kept is never older than the version it is kept under.
      const service = `${organisationId}|${frameworkId}`;
      const [allowed, read] = await Promise.allSettled([
        organisationWith(db, actor, organisationId, 'qa.view'),
        inspectionsOf(db, organisationId, frameworkId, known, lastCounted.get(service) ?? []),
      ]);
      if (allowed.status === 'rejected') throw allowed.reason;
      if (!known.includes(frameworkId)) throw new ValidationError({ framework: 'Select a framework version' });
      if (
        options.sampled !== undefined &&
        !(Number.isInteger(options.sampled) && options.sampled >= 1 && options.sampled <= 500)
      )
        throw new ValidationError({ n: 'Cases sampled must be a whole number from 1 to 500' });
      const framework = getFramework(frameworkId);
      const sampled =
        options.sampled ?? (options.populationSize ? requiredSampleSize(options.populationSize, 0.8, 0.05).size : 20);
      const standards = options.standards ?? null;
      if (read.status === 'rejected') throw read.reason;
      const { inspections } = read.value;
      const figures = await computed.at(
        [organisationId, frameworkId, sampled, standards?.join(',') ?? '*'].join('|'),
        JSON.stringify(inspections),
        () =>
          figuresOf(
            framework,
            inspections,
            read.value.counted,
            standards,
            sampled,
            memoOf([organisationId, frameworkId, standards?.join(',') ?? '*'].join('|')),
          ),
      );
      lastCounted.delete(service);
      lastCounted.set(
        service,
        inspections.map((i) => `${i.id}@${i.version}`),
      );
      if (lastCounted.size > 500) lastCounted.delete(lastCounted.keys().next().value!);
      return {
        framework,
        rounds: figures.rounds,
        trends: figures.trends,
        latestRound: figures.latestRound,
        sampled,
        sampledFrom: options.sampled !== undefined ? 'chosen' : options.populationSize ? 'sampler' : 'default',
        predictions: figures.predictions.map(({ standardId, ...p }) => ({
          standard: framework.standardById.get(standardId)!,
          ...p,
        })),
        assumptions: predictionAssumptions,
      };
    },
  };
}

export type TrendService = ReturnType<typeof createTrendService>;
