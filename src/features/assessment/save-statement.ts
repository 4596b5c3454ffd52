import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { executePrepared } from '../../platform/db/prepared.js';
import { answers, auditEvents, cases, inspections } from '../../platform/db/core-tables.js';
import type { Actor } from '../../platform/audit.js';
import { visibleInspections } from '../../policy/access.js';
import { permitsSql, storedRoles } from '../../policy/policy.js';
import { stagesOpenTo } from '../../policy/stage-rules.js';
import type { InspectionKind } from '../../domain/timeline/propose.js';
import { credentialIsLive } from '../accounts/index.js';
import type { CaseRow } from '../cases/index.js';

/** What a save's validation read from the case: the write goes ahead only while they are still so. */
export type ValidatedAgainst = Pick<
  CaseRow,
  | 'domain'
  | 'disposal'
  | 'childSafetyFactors'
  | 'otherPeopleSafetyFactors'
  | 'reviewRequired'
  | 'reviewDesistance'
  | 'reviewChildSafety'
  | 'reviewOtherPeopleSafety'
  | 'swb'
  | 'rosh'
> & { frameworkId: string };

export interface SaveOutcome {
  /** False when the credential was revoked (or the user disabled, or the session ended) before the write. */
  live: boolean;
  /** Null when the case is not in the inspection or the inspection is not visible to the actor. */
  found:
    (ValidatedAgainst & { roles: string[]; version: number; stage: { kind: InspectionKind; status: string } }) | null;
  /** The version after the save; null when nothing was written. */
  savedVersion: number | null;
  /** True when the guard's condition held, so nothing was written: the service asks the guard what it means. */
  guarded: boolean;
}

/** A further condition of the save, in its statement: when it holds, nothing is written (see SaveOutcome.guarded). */
export type SaveCondition = (actorId: string, caseId: string) => SQL;

type SaveRow = {
  live: boolean;
  domain: string | null;
  disposal: string | null;
  child_safety_factors: boolean | null;
  other_people_safety_factors: boolean | null;
  review_required: boolean | null;
  review_desistance: boolean | null;
  review_child_safety: boolean | null;
  review_other_people_safety: boolean | null;
  swb: string | null;
  rosh: string | null;
  framework_id: string | null;
  kind: string | null;
  status: string | null;
  roles: string[] | null;
  version: number | null;
  saved_version: number | null;
  guarded: boolean;
};

/** A value filled in at each run: the statement's text is built once per shape (statementFor). */
const p = (name: string) => sql.placeholder(name) as unknown as string;

const statements = new WeakMap<SaveCondition | typeof noGuard, Map<string, SQL>>();
const noGuard = () => sql`false`;

/**
 * The save's statement for the actor's shape (administrator or not, how they signed in) and the guard: what
 * varies from one save to the next is filled into its placeholders, so drizzle builds its text only once.
 */
function statementFor(actor: Actor, refuseWhen: SaveCondition | undefined): SQL {
  const key = `${actor.isAdmin}/${actor.credential?.kind ?? 'none'}`;
  const byShape = statements.get(refuseWhen ?? noGuard) ?? new Map<string, SQL>();
  statements.set(refuseWhen ?? noGuard, byShape);
  let statement = byShape.get(key);
  if (!statement) {
    const shape: Actor = { ...actor, id: p('actorId') };
    const visible = visibleInspections(shape) ?? sql`true`;
    statement = sql`
      with live as (select ${credentialIsLive(p('actorId'), actor.credential && { ...actor.credential, hash: p('credentialHash') }, p('at'))} as ok),
      guard as (select ${refuseWhen ? refuseWhen(p('actorId'), p('caseId')) : sql`false`} as refused),
      target as (
        select ${cases.id} as id, ${cases.version} as version, ${cases.domain} as domain, ${cases.disposal} as disposal,
          ${cases.childSafetyFactors} as child_safety_factors,
          ${cases.otherPeopleSafetyFactors} as other_people_safety_factors,
          ${cases.reviewRequired} as review_required, ${cases.reviewDesistance} as review_desistance,
          ${cases.reviewChildSafety} as review_child_safety,
          ${cases.reviewOtherPeopleSafety} as review_other_people_safety, ${cases.swb} as swb, ${cases.rosh} as rosh,
          ${inspections.frameworkId} as framework_id, ${inspections.kind} as kind, ${inspections.status} as status,
          ${storedRoles(shape, inspections.organisationId, inspections.id)} as roles
        from ${cases} join ${inspections} on ${inspections.id} = ${cases.inspectionId}
        where ${cases.id} = ${p('caseId')} and ${cases.inspectionId} = ${p('inspectionId')} and ${visible}
      ),
      allowed as (
        select target.id from target, live, guard
        where live.ok and not guard.refused and ${permitsSql(shape, sql`target.roles`, 'case.assess')}
          and (target.kind || '/' || target.status) in (${sql.join(
            stagesOpenTo('case.assess').map(({ kind, status }) => sql`${`${kind}/${status}`}`),
            sql`, `,
          )})
          and target.framework_id = ${p('frameworkId')} and target.domain = ${p('domain')}
          and target.disposal is not distinct from ${p('disposal')}
          and target.child_safety_factors is not distinct from ${p('childSafetyFactors')}
          and target.other_people_safety_factors is not distinct from ${p('otherPeopleSafetyFactors')}
          and target.review_required is not distinct from ${p('reviewRequired')}
          and target.review_desistance is not distinct from ${p('reviewDesistance')}
          and target.review_child_safety is not distinct from ${p('reviewChildSafety')}
          and target.review_other_people_safety is not distinct from ${p('reviewOtherPeopleSafety')}
          and target.swb is not distinct from ${p('swb')} and target.rosh is not distinct from ${p('rosh')}
      ),
      bumped as (
        update ${cases} set version = version + 1
        where id = (select id from allowed) and (${p('expectedVersion')}::int is null or version = ${p('expectedVersion')}::int)
        returning version
      ),
      given as (
        select * from jsonb_to_recordset(${p('rows')}::jsonb) as g(question_id text, answer text, evidence text)
      ),
      before as (
        select a.question_id, a.answer, a.evidence from ${answers} a
        where a.case_id = ${p('caseId')} and a.question_id in (select question_id from given)
      ),
      upserted as (
        insert into ${answers} (case_id, question_id, answer, evidence, answered_by, answered_at)
        select ${p('caseId')}::uuid, question_id, answer, evidence, ${p('actorId')}::uuid, ${p('at')}::timestamptz from given
        where exists (select 1 from bumped)
        on conflict (case_id, question_id) do update set
          answer = excluded.answer, evidence = excluded.evidence,
          answered_by = excluded.answered_by, answered_at = excluded.answered_at
        returning 1
      ),
      audited as (
        insert into ${auditEvents} (user_id, action, subject_type, subject_id, inspection_id, before, after, request_id)
        select ${p('actorId')}::uuid, 'answers.save', 'case', ${p('caseId')}, ${p('inspectionId')}::uuid,
          coalesce((select jsonb_object_agg(question_id, jsonb_build_object('answer', answer, 'evidence', evidence)) from before), '{}'::jsonb),
          coalesce((select jsonb_object_agg(question_id, jsonb_build_object('answer', answer, 'evidence', evidence)) from given), '{}'::jsonb),
          ${p('requestId')}::text
        where exists (select 1 from bumped)
        returning 1
      )
      select live.ok as live, target.*, (select version from bumped) as saved_version, guard.refused as guarded
      from live cross join guard left join target on true`;
    byShape.set(key, statement);
  }
  return statement;
}

/**
 * One statement, one round trip: the credential still holds, the actor may assess the case (the policy's own
 * predicates), the case is as validation saw it, the version is the one expected; then the version bump, the
 * answers' upsert and the audit event (with the answers as they were before). Any check failing writes nothing,
 * and so does `refuseWhen` holding (the blind rule of moderation, given by the composition root).
 * Two saves of one case queue on the case's row lock.
 */
export async function saveStatement(
  db: Database,
  actor: Actor,
  /** `at`: the clock's "now", for the credential's limits and the answers' time. */
  target: { inspectionId: string; caseId: string; expectedVersion: number | undefined; at: Date },
  validatedAgainst: ValidatedAgainst,
  rows: { question_id: string; answer: string; evidence: string }[],
  refuseWhen?: SaveCondition,
): Promise<SaveOutcome> {
  const { inspectionId, caseId, expectedVersion, at } = target;
  const v = validatedAgainst;
  const [row] = await executePrepared<SaveRow>(db, statementFor(actor, refuseWhen), {
    actorId: actor.id,
    credentialHash: actor.credential?.hash ?? null,
    at: at.toISOString(),
    requestId: actor.requestId ?? null,
    caseId,
    inspectionId,
    expectedVersion: expectedVersion ?? null,
    rows: JSON.stringify(rows),
    frameworkId: v.frameworkId,
    domain: v.domain,
    disposal: v.disposal,
    childSafetyFactors: v.childSafetyFactors,
    otherPeopleSafetyFactors: v.otherPeopleSafetyFactors,
    reviewRequired: v.reviewRequired,
    reviewDesistance: v.reviewDesistance,
    reviewChildSafety: v.reviewChildSafety,
    reviewOtherPeopleSafety: v.reviewOtherPeopleSafety,
    swb: v.swb,
    rosh: v.rosh,
  });
  const found =
    row && row.version !== null
      ? {
          domain: row.domain!,
          disposal: row.disposal,
          childSafetyFactors: row.child_safety_factors,
          otherPeopleSafetyFactors: row.other_people_safety_factors,
          reviewRequired: row.review_required,
          reviewDesistance: row.review_desistance,
          reviewChildSafety: row.review_child_safety,
          reviewOtherPeopleSafety: row.review_other_people_safety,
          swb: row.swb,
          rosh: row.rosh,
          frameworkId: row.framework_id!,
          roles: row.roles ?? [],
          version: Number(row.version),
          stage: { kind: row.kind as InspectionKind, status: row.status! },
        }
      : null;
  return {
    live: row?.live === true,
    found,
    savedVersion: row?.saved_version === null || row?.saved_version === undefined ? null : Number(row.saved_version),
    guarded: row?.guarded === true,
  };
}
