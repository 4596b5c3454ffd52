import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { answers, cases, inspections, memberships, users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { NotFoundError } from '../../platform/errors.js';
import { getFramework } from '../../platform/framework-registry.js';
import { isUuid } from '../../policy/access.js';
import { organisationWith } from '../../policy/policy.js';
import { validated } from '../../platform/field-errors.js';
import { qaFeedback, qaProgrammes, qaRounds } from './tables.js';
import { feedbackSchema, type FeedbackInput } from './validation.js';

/** A case is the actor's when its case manager is written as their email or their name. */
const heldBy = (actor: { email: string; displayName: string }) =>
  sql`lower(trim(${cases.caseManager})) in (${actor.email.toLowerCase()}, ${actor.displayName.toLowerCase()})`;

export function createFeedbackService(db: Database, clock: Clock = systemClock) {
  async function whoIs(actor: Actor) {
    const [user] = await db
      .select({ email: users.email, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, actor.id));
    if (!user) throw new NotFoundError('not found');
    return user;
  }

  /** The audited cases the actor manages, in services where they are a case manager. */
  async function heldCases(actor: Actor, caseId?: string) {
    const user = await whoIs(actor);
    return db
      .select({
        caseId: cases.id,
        ref: cases.ref,
        domain: cases.domain,
        inspectionId: inspections.id,
        frameworkId: inspections.frameworkId,
        roundTitle: inspections.title,
        status: qaFeedback.status,
        response: qaFeedback.response,
      })
      .from(cases)
      .innerJoin(inspections, eq(inspections.id, cases.inspectionId))
      .innerJoin(qaRounds, eq(qaRounds.inspectionId, inspections.id))
      .innerJoin(
        memberships,
        and(
          eq(memberships.organisationId, inspections.organisationId),
          eq(memberships.userId, actor.id),
          eq(memberships.role, 'caseManager'),
        ),
      )
      .leftJoin(qaFeedback, eq(qaFeedback.caseId, cases.id))
      .where(and(heldBy(user), caseId ? eq(cases.id, caseId) : undefined))
      .orderBy(asc(qaRounds.periodStart), asc(cases.ref));
  }

  return {
    /** Each of the actor's audited cases with the audit's answers and evidence, key questions first. */
    async mine(actor: Actor) {
      const held = await heldCases(actor);
      const given = held.length
        ? await db
            .select()
            .from(answers)
            .where(
              inArray(
                answers.caseId,
                held.map((h) => h.caseId),
              ),
            )
        : [];
      return held.map((h) => {
        const framework = getFramework(h.frameworkId);
        const feedback = given
          .filter((a) => a.caseId === h.caseId)
          .map((a) => {
            const kq = framework.keyQuestionById.get(a.questionId);
            const prompt = framework.promptById.get(a.questionId);
            return {
              questionId: a.questionId,
              text: kq?.keyQuestion.text ?? prompt?.prompt.text ?? a.questionId,
              isKeyQuestion: !!kq,
              answer: a.answer,
              evidence: a.evidence,
            };
          })
          .sort((a, b) => a.questionId.localeCompare(b.questionId, 'en', { numeric: true }));
        return { ...h, feedback };
      });
    },

    async respond(actor: Actor, caseId: string, input: FeedbackInput) {
      if (!isUuid(caseId)) throw new NotFoundError('case not found');
      const [held] = await heldCases(actor, caseId);
      if (!held) throw new NotFoundError('case not found');
      const parsed = validated(feedbackSchema, input);
      return db.transaction(async (tx) => {
        const value = { status: parsed.status, response: parsed.response, userId: actor.id, at: clock.now() };
        const [row] = await tx
          .insert(qaFeedback)
          .values({ caseId, ...value })
          .onConflictDoUpdate({ target: qaFeedback.caseId, set: value })
          .returning();
        await recordAudit(tx, actor, {
          action: 'qa.feedback.respond',
          subjectType: 'case',
          subjectId: caseId,
          inspectionId: held.inspectionId,
          before: held.status ? { status: held.status, response: held.response } : null,
          after: { status: row!.status, response: row!.response },
        });
        return row!;
      });
    },

    /** For the QA lead: each case of a round, its case manager and whether the feedback was acknowledged. */
    async ofRound(actor: Actor, roundId: string) {
      if (!isUuid(roundId)) throw new NotFoundError('round not found');
      const [round] = await db
        .select({ round: qaRounds, organisationId: qaProgrammes.organisationId })
        .from(qaRounds)
        .innerJoin(qaProgrammes, eq(qaProgrammes.id, qaRounds.programmeId))
        .where(eq(qaRounds.id, roundId));
      if (!round) throw new NotFoundError('round not found');
      await organisationWith(db, actor, round.organisationId, 'qa.manage');
      const rows = await db
        .select({
          ref: cases.ref,
          caseManager: cases.caseManager,
          status: qaFeedback.status,
          response: qaFeedback.response,
          at: qaFeedback.at,
        })
        .from(cases)
        .leftJoin(qaFeedback, eq(qaFeedback.caseId, cases.id))
        .where(eq(cases.inspectionId, round.round.inspectionId))
        .orderBy(asc(cases.ref));
      return { round: round.round, organisationId: round.organisationId, cases: rows };
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
