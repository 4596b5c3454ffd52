import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { rowsOf, type Database, type Queryable } from '../../platform/db/connect.js';
import { answers, cases, inspections, users } from '../../platform/db/core-tables.js';
import {
  agreementBreakdown,
  leastAgreed,
  questionIndex,
  type ComparedAnswer,
} from '../../domain/agreement/breakdown.js';
import { readingOf } from '../../domain/agreement/reading.js';
import type { Answer, Findings, InspectionRating } from '../../domain/rating/types.js';
import { rateInspection } from '../../domain/rating/index.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { getFramework } from '../../platform/framework-registry.js';
import { inspectionWith } from '../../policy/policy.js';
import { isUuid } from '../../policy/access.js';
import { validated } from '../../platform/field-errors.js';
import type { RatingService } from '../ratings/index.js';
import { firstAssessmentComplete } from './selection.js';
import { moderationAnswers, moderationCases, moderationDecisions } from './tables.js';

export const decisionSchema = z.object({
  answer: z.enum(['yes', 'no', 'n/a'], { error: 'Select the answer that counts' }),
  reason: z
    .string({ error: 'Enter the reason for the decision' })
    .trim()
    .min(1, 'Enter the reason for the decision')
    .max(2_000, 'The reason must be 2,000 characters or fewer'),
});
export type DecisionInput = z.input<typeof decisionSchema>;

const firstUser = alias(users, 'first_user');
const secondUser = alias(users, 'second_user');

/** Each selected case with where its two assessments are: waiting for either side, or compared. */
async function selectedCases(db: Queryable, inspectionId: string, frameworkId: string) {
  const rows = await db
    .select({
      caseId: moderationCases.caseId,
      ref: cases.ref,
      domain: cases.domain,
      moderatorId: moderationCases.moderatorId,
      moderatorName: users.displayName,
      secondCompletedAt: moderationCases.completedAt,
      drawSeed: moderationCases.drawSeed,
      drawPercent: moderationCases.drawPercent,
    })
    .from(moderationCases)
    .innerJoin(cases, eq(cases.id, moderationCases.caseId))
    .innerJoin(users, eq(users.id, moderationCases.moderatorId))
    .where(eq(moderationCases.inspectionId, inspectionId))
    .orderBy(asc(cases.ref));
  const firstDone = await firstAssessmentComplete(
    db,
    frameworkId,
    rows.map((r) => r.caseId),
  );
  return rows.map((r) => ({
    ...r,
    firstComplete: firstDone.get(r.caseId) ?? false,
    bothComplete: !!r.secondCompletedAt && !!firstDone.get(r.caseId),
  }));
}

/** Both answers to every question of the cases whose two assessments are complete, with both evidence notes. */
async function comparedAnswers(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      caseId: moderationAnswers.caseId,
      ref: cases.ref,
      questionId: moderationAnswers.questionId,
      second: moderationAnswers.answer,
      secondEvidence: moderationAnswers.evidence,
      secondBy: moderationAnswers.answeredBy,
      secondName: secondUser.displayName,
      current: answers.answer,
      currentEvidence: answers.evidence,
      currentBy: answers.answeredBy,
      firstName: firstUser.displayName,
      decision: moderationDecisions,
    })
    .from(moderationAnswers)
    .innerJoin(cases, eq(cases.id, moderationAnswers.caseId))
    .innerJoin(
      answers,
      and(eq(answers.caseId, moderationAnswers.caseId), eq(answers.questionId, moderationAnswers.questionId)),
    )
    .leftJoin(
      moderationDecisions,
      and(
        eq(moderationDecisions.caseId, moderationAnswers.caseId),
        eq(moderationDecisions.questionId, moderationAnswers.questionId),
      ),
    )
    .leftJoin(firstUser, eq(firstUser.id, answers.answeredBy))
    .innerJoin(secondUser, eq(secondUser.id, moderationAnswers.answeredBy))
    .where(inArray(moderationAnswers.caseId, caseIds))
    .orderBy(asc(cases.ref), asc(moderationAnswers.questionId));
}

type ComparedRow = Awaited<ReturnType<typeof comparedAnswers>>[number];

/** The first assessor's answer as it was: the decision keeps it once the answer that counts has changed. */
const firstOf = (row: ComparedRow): Answer => row.decision?.firstAnswer ?? row.current;

/** The ratings as the first assessors' answers alone would give them, for the effect of moderation. */
function withFirstAnswers(findings: Findings, rows: readonly ComparedRow[]): Findings {
  const byRef = new Map<string, Record<string, Answer>>();
  for (const row of rows)
    if (row.decision) byRef.set(row.ref, { ...byRef.get(row.ref), [row.questionId]: row.decision.firstAnswer });
  return {
    ...findings,
    cases: findings.cases.map((c) => (byRef.has(c.ref) ? { ...c, answers: { ...c.answers, ...byRef.get(c.ref) } } : c)),
  };
}

function rateOrNull(framework: ReturnType<typeof getFramework>, findings: Findings): InspectionRating | null {
  try {
    return rateInspection(framework, findings);
  } catch {
    // A discretion decision the first answers would not allow: rate without the panel's decisions.
    return rateInspection(framework, { ...findings, discretion: {} });
  }
}

export function createComparisonService(db: Database, ratings: RatingService) {
  async function comparison(actor: Actor, inspectionId: string) {
    const inspection = await inspectionWith(db, actor, inspectionId, 'moderation.view');
    const framework = getFramework(inspection.frameworkId);
    const selected = await selectedCases(db, inspectionId, inspection.frameworkId);
    const compared = await comparedAnswers(
      db,
      selected.filter((s) => s.bothComplete).map((s) => s.caseId),
    );
    const pairs: ComparedAnswer[] = compared.map((row) => ({
      caseId: row.caseId,
      questionId: row.questionId,
      first: firstOf(row),
      second: row.second,
      firstBy: row.decision?.firstBy ?? row.currentBy,
      secondBy: row.secondBy,
    }));
    const names = new Map<string, string>();
    for (const row of compared) {
      if (row.currentBy && row.firstName) names.set(row.currentBy, row.firstName);
      names.set(row.secondBy, row.secondName);
    }
    const breakdown = agreementBreakdown(framework, pairs);
    return { inspection, framework, selected, compared, breakdown, names, reading: readingOf(breakdown.overall) };
  }

  /**
   * Decides the answer that counts for one disagreement, with a reason: both originals are kept in the
   * decision, the case's answer becomes the decided one, and the case's version moves on so a stale save
   * of the first assessment is refused. Audited. A question decides once.
   */
  async function decide(actor: Actor, caseId: string, questionId: string, input: DecisionInput) {
    if (!isUuid(caseId)) throw new NotFoundError('case not found');
    const [moderation] = await db.select().from(moderationCases).where(eq(moderationCases.caseId, caseId));
    if (!moderation) throw new NotFoundError('case not found');
    const inspection = await inspectionWith(db, actor, moderation.inspectionId, 'moderation.reconcile');
    const parsed = validated(decisionSchema, input);
    const { answer, reason } = parsed;
    const [case_] = (await selectedCases(db, moderation.inspectionId, inspection.frameworkId)).filter(
      (s) => s.caseId === caseId,
    );
    if (!case_?.bothComplete) throw new ValidationError({ answer: 'Both assessments must be complete first' });
    return db.transaction(async (tx) => {
      await tx.execute(sql`select case_id from moderation_cases where case_id = ${caseId} for update`);
      const [row] = (await comparedAnswers(tx, [caseId])).filter((r) => r.questionId === questionId);
      if (row?.decision) throw new ConflictError('This disagreement has been decided already', row.decision);
      if (!row || row.current === row.second) throw new NotFoundError('disagreement not found');
      const [decided] = await tx
        .insert(moderationDecisions)
        .values({
          caseId,
          questionId,
          firstAnswer: row.current,
          firstEvidence: row.currentEvidence,
          firstBy: row.currentBy,
          secondAnswer: row.second,
          secondEvidence: row.secondEvidence,
          secondBy: row.secondBy,
          decidedAnswer: answer,
          reason,
          decidedBy: actor.id,
        })
        .onConflictDoNothing()
        .returning();
      if (!decided) throw new ConflictError('This disagreement has been decided already', null);
      if (answer !== row.current) {
        await tx
          .update(answers)
          .set({ answer })
          .where(and(eq(answers.caseId, caseId), eq(answers.questionId, questionId)));
        await tx
          .update(cases)
          .set({ version: sql`${cases.version} + 1` })
          .where(eq(cases.id, caseId));
      }
      await recordAudit(tx, actor, {
        action: 'moderation.decide',
        subjectType: 'case',
        subjectId: caseId,
        inspectionId: moderation.inspectionId,
        before: { questionId, first: row.current, second: row.second },
        after: { questionId, answer, reason },
      });
      return decided;
    });
  }

  /** The same decision from the inspection's disagreements page: the inspection's access is checked first. */
  async function decideIn(
    actor: Actor,
    inspectionId: string,
    caseId: string,
    questionId: string,
    input: DecisionInput,
  ) {
    await inspectionWith(db, actor, inspectionId, 'moderation.reconcile');
    const [moderation] = isUuid(caseId)
      ? await db.select().from(moderationCases).where(eq(moderationCases.caseId, caseId))
      : [];
    if (moderation?.inspectionId !== inspectionId) throw new NotFoundError('disagreement not found');
    return decide(actor, caseId, questionId, input);
  }

  /**
   * Agreement in each moderated inspection and audit round of a service, oldest first: only the rounds whose
   * moderation the actor may see, and only once a case has been compared.
   */
  async function agreementByRound(actor: Actor, organisationId: string) {
    const rounds = await db
      .selectDistinct({
        id: inspections.id,
        title: inspections.title,
        start: inspections.fieldworkStart,
        createdAt: inspections.createdAt,
      })
      .from(inspections)
      .innerJoin(moderationCases, eq(moderationCases.inspectionId, inspections.id))
      .where(eq(inspections.organisationId, organisationId));
    rounds.sort(
      (a, b) => (a.start ?? '').localeCompare(b.start ?? '') || a.createdAt.getTime() - b.createdAt.getTime(),
    );
    const figures = [];
    for (const round of rounds) {
      const seen = await comparison(actor, round.id).catch((error: unknown) => {
        if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
        throw error;
      });
      if (seen && seen.breakdown.overall.compared > 0)
        figures.push({
          id: round.id,
          title: round.title,
          fieldworkStart: round.start,
          agreement: seen.breakdown.overall,
        });
    }
    return figures;
  }

  /** The same, for the service of an inspection whose moderation the actor may see. */
  async function acrossRounds(actor: Actor, inspectionId: string) {
    const inspection = await inspectionWith(db, actor, inspectionId, 'moderation.view');
    return agreementByRound(actor, inspection.organisationId);
  }

  return {
    comparison,
    acrossRounds,
    agreementByRound,
    decideIn,
    decide,

    /** Every disagreement of the compared cases, side by side with both evidence notes and any decision. */
    async disagreements(actor: Actor, inspectionId: string) {
      const found = await comparison(actor, inspectionId);
      const index = questionIndex(found.framework);
      const disagreements = found.compared
        .filter((row) => firstOf(row) !== row.second)
        .map((row) => ({
          ...row,
          first: firstOf(row),
          firstEvidence: row.decision?.firstEvidence ?? row.currentEvidence,
          question: index.get(row.questionId),
        }));
      return { ...found, disagreements, open: disagreements.filter((d) => !d.decision).length };
    },

    /**
     * The moderation report: the agreement figures, the standards where assessors agree least, the answers
     * moderation changed and their effect on each standard's percentage and band.
     */
    async report(actor: Actor, inspectionId: string) {
      const found = await comparison(actor, inspectionId);
      const rated = await ratings.rate(actor, inspectionId, 'moderation.view');
      const before = rateOrNull(found.framework, withFirstAnswers(rated.findings, found.compared));
      const decisions = found.compared.filter((row) => row.decision);
      const effect = rated.rating.standards
        .filter((s) => s.keyQuestions.length > 0)
        .map((now) => {
          const then = before?.standards.find((s) => s.id === now.id);
          // The standard's figure: its lowest key question, which sets its band.
          const percentOf = (s: typeof now | undefined) => {
            const figures = (s?.keyQuestions ?? []).map((k) => k.percent).filter((p): p is number => p !== null);
            return figures.length ? Math.min(...figures) : null;
          };
          const bandOf = (s: typeof now | undefined) => s?.rating ?? s?.provisionalRating ?? null;
          return {
            id: now.id,
            title: now.title,
            before: { percent: percentOf(then), band: bandOf(then) },
            now: { percent: percentOf(now), band: bandOf(now) },
            changed: bandOf(then) !== bandOf(now) || percentOf(then) !== percentOf(now),
          };
        });
      return {
        ...found,
        leastAgreed: leastAgreed(found.breakdown.byStandard),
        decisions,
        changedAnswers: decisions.filter((row) => row.decision!.decidedAnswer !== row.decision!.firstAnswer).length,
        effect,
      };
    },
  };
}

/** For the ratings page: how many selected cases are still open, and how many answers moderation changed. */
export async function moderationSummary(db: Queryable, inspectionId: string) {
  const [selected] = await db
    .select({ n: count() })
    .from(moderationCases)
    .where(eq(moderationCases.inspectionId, inspectionId));
  if (!selected || Number(selected.n) === 0) return null;
  const [changed] = await db
    .select({ n: count() })
    .from(moderationDecisions)
    .innerJoin(moderationCases, eq(moderationCases.caseId, moderationDecisions.caseId))
    .where(
      and(
        eq(moderationCases.inspectionId, inspectionId),
        sql`${moderationDecisions.decidedAnswer} <> ${moderationDecisions.firstAnswer}`,
      ),
    );
  const [openRow] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from moderation_answers m
      join moderation_cases c on c.case_id = m.case_id
      join answers a on a.case_id = m.case_id and a.question_id = m.question_id
      left join moderation_decisions d on d.case_id = m.case_id and d.question_id = m.question_id
      where c.inspection_id = ${inspectionId} and a.answer <> m.answer and d.case_id is null`),
  );
  const openDisagreements = Number(openRow?.n ?? 0);
  const [unfinished] = await db
    .select({ n: count() })
    .from(moderationCases)
    .where(and(eq(moderationCases.inspectionId, inspectionId), sql`${moderationCases.completedAt} is null`));
  return {
    selectedCases: Number(selected.n),
    awaitingModerator: Number(unfinished?.n ?? 0),
    openDisagreements,
    changedAnswers: Number(changed?.n ?? 0),
    open: Number(unfinished?.n ?? 0) > 0 || openDisagreements > 0,
  };
}
