import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { recommendations } from '../tables.js';
import { getFramework } from '../../../platform/framework-registry.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { validated } from '../../../platform/field-errors.js';
import { isUuid } from '../../../policy/access.js';
import { inspectionWith } from '../../../policy/policy.js';
import { inspections } from '../../../platform/db/core-tables.js';
import { lockRow, writeVersioned } from '../../../platform/db/versioned.js';
import { recommendationSchema, type RecommendationInput } from './schemas.js';

export type Recommendation = typeof recommendations.$inferSelect;

/** The recommendations in force (not removed), in number order. */
export async function recommendationsOf(db: Queryable, inspectionId: string): Promise<Recommendation[]> {
  return db
    .select()
    .from(recommendations)
    .where(and(eq(recommendations.inspectionId, inspectionId), isNull(recommendations.removedAt)))
    .orderBy(asc(recommendations.number));
}

const conflictMessage = 'Someone else changed this recommendation after you opened it. Nothing you entered was saved.';

/** The recommendation in force (not removed) of the inspection. */
const inRecommendations = (inspectionId: string, recommendationId: string) =>
  and(
    eq(recommendations.id, recommendationId),
    eq(recommendations.inspectionId, inspectionId),
    isNull(recommendations.removedAt),
  )!;

export function createRecommendationService(db: Database, clock: Clock = systemClock) {
  /** The input checked against the rules and the framework: known standards, in framework order. */
  function checked(frameworkId: string, input: RecommendationInput) {
    const parsed = validated(recommendationSchema, input);
    const framework = getFramework(frameworkId);
    const unknown = parsed.standardIds.filter((id) => !framework.standardById.has(id));
    if (unknown.length)
      throw new ValidationError({ standardIds: `No such standard in ${framework.title}: ${unknown.join(', ')}` });
    const { expectedVersion, number, ...values } = parsed;
    // The standards in framework order, as the report lists them.
    const standardIds = framework.standards.map((s) => s.id).filter((id) => values.standardIds.includes(id));
    return {
      values: {
        ...values,
        standardIds,
        actorName: values.actor === 'other' || values.actorName ? values.actorName : '',
      },
      number,
      expectedVersion,
    };
  }

  /**
   * One number per recommendation, chosen under the inspection's row lock so that concurrent adds queue:
   * without a number, a new one goes after the last and a changed one keeps its own.
   */
  /** Writes the recommendation in force at the version expected (ConflictError otherwise), on the audit trail. */
  function rewrite(
    actor: Actor,
    inspectionId: string,
    recommendationId: string,
    action: 'recommendation.update' | 'recommendation.remove',
    expectedVersion: number | undefined,
    valuesIn: (tx: Queryable) => Record<string, unknown> | Promise<Record<string, unknown>>,
  ) {
    return db.transaction(async (tx) => {
      const { before, after } = await writeVersioned<Recommendation>(tx, {
        table: recommendations,
        where: inRecommendations(inspectionId, recommendationId),
        expectedVersion,
        values: await valuesIn(tx),
        conflictMessage,
      });
      await recordAudit(tx, actor, {
        action,
        subjectType: 'recommendation',
        subjectId: recommendationId,
        inspectionId,
        before,
        after,
      });
      return after;
    });
  }

  async function numbered(tx: Queryable, inspectionId: string, wanted: number | undefined, self?: Recommendation) {
    await lockRow(tx, inspections, eq(inspections.id, inspectionId));
    const existing = await recommendationsOf(tx, inspectionId);
    const number = wanted ?? self?.number ?? Math.max(0, ...existing.map((r) => r.number)) + 1;
    if (existing.some((r) => r.number === number && r.id !== self?.id))
      throw new ValidationError({ number: `Recommendation ${number} already exists: choose another number` });
    return number;
  }

  async function find(tx: Queryable, inspectionId: string, recommendationId: string) {
    if (!isUuid(recommendationId)) throw new NotFoundError('recommendation not found');
    const [row] = await tx.select().from(recommendations).where(inRecommendations(inspectionId, recommendationId));
    if (!row) throw new NotFoundError('recommendation not found');
    return row;
  }

  return {
    async list(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.view');
      return {
        inspection,
        framework: getFramework(inspection.frameworkId),
        recommendations: await recommendationsOf(db, inspectionId),
      };
    },

    async get(actor: Actor, inspectionId: string, recommendationId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.view');
      return {
        inspection,
        framework: getFramework(inspection.frameworkId),
        recommendation: await find(db, inspectionId, recommendationId),
      };
    },

    async add(actor: Actor, inspectionId: string, input: RecommendationInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.edit');
      const { values, number } = checked(inspection.frameworkId, input);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [created] = await tx
          .insert(recommendations)
          .values({
            inspectionId,
            ...values,
            number: await numbered(tx, inspectionId, number),
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await recordAudit(tx, actor, {
          action: 'recommendation.add',
          subjectType: 'recommendation',
          subjectId: created!.id,
          inspectionId,
          after: created,
        });
        return created!;
      });
    },

    async update(actor: Actor, inspectionId: string, recommendationId: string, input: RecommendationInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.edit');
      const current = await find(db, inspectionId, recommendationId);
      const { values, number, expectedVersion } = checked(inspection.frameworkId, input);
      return rewrite(actor, inspectionId, recommendationId, 'recommendation.update', expectedVersion, async (tx) => ({
        ...values,
        number: await numbered(tx, inspectionId, number, current),
        updatedAt: clock.now(),
      }));
    },

    /** Marked removed, never deleted: an improvement plan may refer to it. */
    async remove(actor: Actor, inspectionId: string, recommendationId: string) {
      await inspectionWith(db, actor, inspectionId, 'report.edit');
      const current = await find(db, inspectionId, recommendationId);
      const now = clock.now();
      return rewrite(actor, inspectionId, recommendationId, 'recommendation.remove', current.version, () => ({
        removedAt: now,
        updatedAt: now,
      }));
    },
  };
}
