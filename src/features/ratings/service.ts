import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { cases, organisations, users } from '../../platform/db/core-tables.js';
import { discretionDecisions } from './tables.js';
import type { Framework } from '../../domain/framework/model.js';
import { getFramework } from '../../platform/framework-registry.js';
import { DiscretionError, exclusionReason, rateInspection } from '../../domain/rating/index.js';
import type { DiscretionDecision, Findings, InspectionRating } from '../../domain/rating/types.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { versionedCache } from '../../platform/db/versioned-cache.js';
import { inspectionWith, type Permission } from '../../policy/policy.js';
import { answersByCase, assessedCaseOf, storedAnswersByCase } from '../cases/index.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { validated } from '../../platform/field-errors.js';
import { keptKeyQuestionFigures } from './snapshots.js';
import { judgementsOf, standardOf } from '../judgements/index.js';

export const discretionSchema = z.object({
  rating: z.string({ error: 'Select a rating' }).min(1, 'Select a rating'),
  rationale: z
    .string()
    .trim()
    .min(1, 'Enter the rationale for applying discretion')
    .max(2_000, 'Rationale must be 2,000 characters or fewer'),
});

/** What the ratings panel decided on a standard. */
export type PanelOutcome = 'moved' | 'stands' | 'withdrawn';

/** Decisions recorded before outcomes were: a rating meant moved, none withdrawn. */
export const outcomeOf = (d: { outcome: PanelOutcome | null; rating: string | null }): PanelOutcome =>
  d.outcome ?? (d.rating ? 'moved' : 'withdrawn');

/** The panel's latest decision on a standard that it still stands by: moved, or the computed rating stands. */
export interface PanelConsideration {
  outcome: 'moved' | 'stands';
  rating: string;
  rationale: string;
}

/** A decision in force that the rules refuse now that the answers have changed: set aside until the panel acts. */
export interface SetAsideDecision extends DiscretionDecision {
  standardId: string;
  problem: string;
}

/** Rates with the decisions in force, setting aside any the rules now refuse, so the ratings can always be shown. */
function rateSettingAside(framework: Framework, findings: Findings) {
  const setAside: SetAsideDecision[] = [];
  let current = findings;
  for (;;) {
    try {
      return { findings: current, rating: rateInspection(framework, current), setAside };
    } catch (error) {
      if (!(error instanceof DiscretionError) || !(error.standardId in current.discretion)) throw error;
      const { [error.standardId]: refused, ...rest } = current.discretion;
      setAside.push({ standardId: error.standardId, ...refused!, problem: error.message });
      current = { ...current, discretion: rest };
    }
  }
}

/** One case's answer to a question, with what the inspector wrote and who answered, when. */
export type { StoredAnswer as CaseAnswer } from '../cases/index.js';

export function createRatingService(db: Database) {
  /** Everything the engine needs, read from the database: case answers, judgements, discretion in force. */
  async function findingsOf(inspectionId: string) {
    const caseRows = await db.select().from(cases).where(eq(cases.inspectionId, inspectionId));
    const byCase = await answersByCase(
      db,
      caseRows.map((c) => c.id),
    );
    const judged = await judgementsOf(db, inspectionId);
    const decisions = await db
      .select()
      .from(discretionDecisions)
      .where(eq(discretionDecisions.inspectionId, inspectionId))
      .orderBy(asc(discretionDecisions.decidedAt));
    const discretion: Record<string, DiscretionDecision> = {};
    const considered: Record<string, PanelConsideration> = {};
    for (const d of decisions) {
      const outcome = outcomeOf(d);
      delete discretion[d.standardId];
      delete considered[d.standardId];
      // Only a moved rating reaches the engine (and the report's footnotes); "stands" changes nothing.
      if (outcome === 'moved') discretion[d.standardId] = { rating: d.rating!, rationale: d.rationale };
      if (outcome !== 'withdrawn') considered[d.standardId] = { outcome, rating: d.rating!, rationale: d.rationale };
    }
    return {
      considered,
      findings: {
        // After the retention job deleted the cases: the figures kept from them (src/services/privacy/retention.ts).
        keyQuestionFigures: (await keptKeyQuestionFigures(db, inspectionId)) ?? {},
        cases: caseRows.map((row) => assessedCaseOf(row, byCase.get(row.id)!)),
        judgements: Object.fromEntries(judged.filter((j) => j.rating).map((j) => [j.standardId, j.rating!])),
        discretion,
      } satisfies Findings,
    };
  }

  /**
   * The eligible standards the panel has still to consider: no decision in force, a moved decision set aside,
   * or a "stands" recorded when the computed rating was another.
   */
  function stillToConsider(
    rating: InspectionRating,
    considered: Readonly<Record<string, PanelConsideration>>,
    setAside: readonly SetAsideDecision[],
  ) {
    return rating.standards.filter((s) => {
      if (s.discretion?.eligible !== true) return false;
      const decision = considered[s.id];
      if (!decision || setAside.some((d) => d.standardId === s.id)) return true;
      return decision.outcome === 'stands' && decision.rating !== s.computedRating;
    });
  }

  // Rated once per change of the inputs (versionedCache checks the database's version on every read).
  const rated = versionedCache<
    ReturnType<typeof rateSettingAside> & { considered: Record<string, PanelConsideration> }
  >();

  /** The ratings now; `findings` hold only the decisions the rules accept, the others are in `setAside`. */
  async function rate(actor: Actor, inspectionId: string, permission: Permission = 'ratings.view') {
    const inspection = await inspectionWith(db, actor, inspectionId, permission);
    const framework = getFramework(inspection.frameworkId);
    const result = await rated.get(db, inspectionId, async () => {
      const { findings, considered } = await findingsOf(inspectionId);
      return { ...rateSettingAside(framework, findings), considered };
    });
    return {
      inspection,
      framework,
      ...result,
      toConsider: stillToConsider(result.rating, result.considered, result.setAside).map((s) => s.id),
    };
  }

  async function serviceName(organisationId: string) {
    const [organisation] = await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    return organisation!.name;
  }

  async function historyOf(inspectionId: string, standardId: string) {
    const rows = await db
      .select({
        id: discretionDecisions.id,
        outcome: discretionDecisions.outcome,
        rating: discretionDecisions.rating,
        rationale: discretionDecisions.rationale,
        decidedAt: discretionDecisions.decidedAt,
        decidedBy: users.displayName,
      })
      .from(discretionDecisions)
      .leftJoin(users, eq(users.id, discretionDecisions.decidedBy))
      .where(and(eq(discretionDecisions.inspectionId, inspectionId), eq(discretionDecisions.standardId, standardId)))
      .orderBy(desc(discretionDecisions.decidedAt), desc(discretionDecisions.id));
    return rows.map((row) => ({ ...row, outcome: outcomeOf(row) }));
  }

  /** A case-based standard's workings now, and every ratings panel decision on it, newest first. */
  async function standardWorkings(
    actor: Actor,
    inspectionId: string,
    standardId: string,
    permission: Permission = 'ratings.view',
  ) {
    const { inspection, framework, rating, setAside } = await rate(actor, inspectionId, permission);
    const standard = standardOf(framework, standardId, 'caseBased');
    const history = await historyOf(inspectionId, standardId);
    return {
      inspection,
      framework,
      standard,
      result: rating.standards.find((s) => s.id === standardId)!,
      history,
      /** The latest decision, unless it withdrew the one before. */
      inForce: history[0] && history[0].outcome !== 'withdrawn' ? history[0] : null,
      setAside: setAside.find((d) => d.standardId === standardId) ?? null,
    };
  }

  return {
    /** The inspection's ratings now, as `yj-inspect rate --format json` gives them. */
    async ratings(actor: Actor, inspectionId: string): Promise<InspectionRating & { service: string }> {
      const { inspection, rating } = await rate(actor, inspectionId);
      return { ...rating, service: await serviceName(inspection.organisationId) };
    },

    rate,

    /** The ratings page: the ratings now, with the service's name and any decisions set aside. */
    async ratingsOfService(actor: Actor, inspectionId: string) {
      const rated = await rate(actor, inspectionId);
      return { ...rated, service: await serviceName(rated.inspection.organisationId) };
    },

    standardWorkings,

    /**
     * The cases behind a key question's figure: each case of the standard's kind with its answer, evidence and
     * answerer, why the question cannot apply to it (if so), and its answers to the prompts.
     */
    async keyQuestionCases(actor: Actor, inspectionId: string, standardId: string, keyQuestionId: string) {
      // The cases behind a figure are case-level: board members see the figure, not these.
      const workings = await standardWorkings(actor, inspectionId, standardId, 'case.view');
      const keyQuestion = workings.standard.keyQuestions.find((kq) => kq.id === keyQuestionId);
      if (!keyQuestion) throw new NotFoundError('key question not found');
      const caseRows = await db
        .select()
        .from(cases)
        .where(and(eq(cases.inspectionId, inspectionId), eq(cases.domain, workings.standard.caseDomain!)))
        .orderBy(asc(cases.ref));
      const questionIds = [keyQuestion.id, ...keyQuestion.prompts.map((p) => p.id)];
      const byCase = await storedAnswersByCase(
        db,
        caseRows.map((c) => c.id),
        questionIds,
      );
      return {
        ...workings,
        keyQuestion,
        figures: workings.result.keyQuestions.find((kq) => kq.id === keyQuestionId) ?? null,
        cases: caseRows.map((row) => {
          const assessed = assessedCaseOf(row, {});
          const caseAnswers = byCase.get(row.id) ?? {};
          const doesNotApply = keyQuestion.appliesTo ? exclusionReason(keyQuestion.appliesTo, assessed) : null;
          return {
            id: row.id,
            ref: row.ref,
            doesNotApply,
            answer: caseAnswers[keyQuestion.id] ?? null,
            prompts: keyQuestion.prompts.map((prompt) => ({
              id: prompt.id,
              doesNotApply: doesNotApply ?? exclusionReason(prompt.appliesTo, assessed),
              answer: caseAnswers[prompt.id] ?? null,
            })),
          };
        }),
      };
    },

    /** Every discretion decision on a standard, newest first: the first is in force (unless withdrawn). */
    async discretionHistory(actor: Actor, inspectionId: string, standardId: string) {
      await inspectionWith(db, actor, inspectionId, 'ratings.view');
      return historyOf(inspectionId, standardId);
    },

    /**
     * Records the ratings panel's decision on an eligible standard, checked by the rating engine against the
     * standard as it is rated now: the rating moved one band, or the computed rating stands, each with a
     * rationale; or the decision in force withdrawn. Without an outcome, a rating moves and null withdraws.
     */
    async recordDiscretion(
      actor: Actor,
      inspectionId: string,
      standardId: string,
      input: { outcome?: PanelOutcome | undefined; rating?: string | null | undefined; rationale: string },
    ) {
      const { inspection, framework, findings, rating } = await rate(actor, inspectionId, 'discretion.decide');
      standardOf(framework, standardId, 'caseBased');
      const outcome: PanelOutcome = input.outcome ?? (input.rating ? 'moved' : 'withdrawn');
      const standard = rating.standards.find((s) => s.id === standardId)!;
      let recorded: string | null = null;
      if (outcome === 'withdrawn') {
        const [latest] = await historyOf(inspectionId, standardId);
        if (!latest || latest.outcome === 'withdrawn')
          throw new ValidationError({ rating: `There is no decision on ${standardId} to withdraw` });
        if (input.rationale.trim() === '')
          throw new ValidationError({ rationale: 'Enter why the decision is withdrawn' });
      } else {
        if (standard.computedRating === null)
          throw new ValidationError({
            rating: `${standardId} has no computed rating yet (${standard.missing}): discretion can be recorded once it is rated`,
          });
        if (outcome === 'stands') {
          if (standard.discretion?.eligible === false)
            throw new ValidationError({
              rating: `${standardId} is not eligible for professional discretion: there is nothing for the panel to consider`,
            });
          if (input.rationale.trim() === '')
            throw new ValidationError({ rationale: 'Enter why the computed rating stands' });
          if (input.rationale.trim().length > 2_000)
            throw new ValidationError({ rationale: 'Rationale must be 2,000 characters or fewer' });
          recorded = standard.computedRating;
        } else {
          const parsed = validated(discretionSchema, { rating: input.rating ?? '', rationale: input.rationale });
          try {
            rateInspection(framework, {
              ...findings,
              discretion: { ...findings.discretion, [standardId]: parsed },
            });
          } catch (error) {
            if (error instanceof DiscretionError) throw new ValidationError({ rating: error.message });
            throw error;
          }
          recorded = parsed.rating;
        }
      }
      return db.transaction(async (tx) => {
        // The decision it supersedes (the latest on the standard), so the audit trail shows what changed.
        const [superseded] = await tx
          .select()
          .from(discretionDecisions)
          .where(
            and(eq(discretionDecisions.inspectionId, inspection.id), eq(discretionDecisions.standardId, standardId)),
          )
          .orderBy(desc(discretionDecisions.decidedAt), desc(discretionDecisions.id))
          .limit(1);
        const [decision] = await tx
          .insert(discretionDecisions)
          .values({
            inspectionId: inspection.id,
            standardId,
            outcome,
            rating: recorded,
            rationale: input.rationale.trim(),
            decidedBy: actor.id,
          })
          .returning();
        await recordAudit(tx, actor, {
          action: { moved: 'discretion.apply', stands: 'discretion.stands', withdrawn: 'discretion.withdraw' }[outcome],
          subjectType: 'standard',
          subjectId: standardId,
          inspectionId,
          before: superseded ?? null,
          after: decision,
        });
        return decision!;
      });
    },
  };
}

export type RatingService = ReturnType<typeof createRatingService>;
