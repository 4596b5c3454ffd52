import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { recommendations } from '../tables.js';
import { getFramework } from '../../../platform/framework-registry.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { fieldErrors } from '../../inspections/index.js';
import { isUuid } from '../../../policy/access.js';
import { inspectionWith } from '../../../policy/policy.js';
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

export function createRecommendationService(db: Database) {
  /** The input checked against the rules and the framework: one number per recommendation, known standards. */
  async function validated(
    inspectionId: string,
    frameworkId: string,
    input: RecommendationInput,
    self?: Recommendation,
  ) {
    const parsed = recommendationSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
    const framework = getFramework(frameworkId);
    const unknown = parsed.data.standardIds.filter((id) => !framework.standardById.has(id));
    if (unknown.length)
      throw new ValidationError({ standardIds: `No such standard in ${framework.title}: ${unknown.join(', ')}` });
    const existing = await recommendationsOf(db, inspectionId);
    // Without a number: a new one goes after the last, a changed one keeps its own.
    const number = parsed.data.number ?? self?.number ?? Math.max(0, ...existing.map((r) => r.number)) + 1;
    if (existing.some((r) => r.number === number && r.id !== self?.id))
      throw new ValidationError({ number: `Recommendation ${number} already exists: choose another number` });
    const { expectedVersion, ...values } = parsed.data;
    // The standards in framework order, as the report lists them.
    const standardIds = framework.standards.map((s) => s.id).filter((id) => values.standardIds.includes(id));
    return {
      values: {
        ...values,
        number,
        standardIds,
        actorName: values.actor === 'other' || values.actorName ? values.actorName : '',
      },
      expectedVersion,
    };
  }

  async function find(inspectionId: string, recommendationId: string) {
    if (!isUuid(recommendationId)) throw new NotFoundError('recommendation not found');
    const [row] = await db
      .select()
      .from(recommendations)
      .where(
        and(
          eq(recommendations.id, recommendationId),
          eq(recommendations.inspectionId, inspectionId),
          isNull(recommendations.removedAt),
        ),
      );
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
        recommendation: await find(inspectionId, recommendationId),
      };
    },

    async add(actor: Actor, inspectionId: string, input: RecommendationInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.edit');
      const { values } = await validated(inspectionId, inspection.frameworkId, input);
      return db.transaction(async (tx) => {
        const [created] = await tx
          .insert(recommendations)
          .values({ inspectionId, ...values, createdBy: actor.id })
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
      const current = await find(inspectionId, recommendationId);
      const { values, expectedVersion } = await validated(inspectionId, inspection.frameworkId, input, current);
      const outcome = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(recommendations).where(eq(recommendations.id, recommendationId));
        if (expectedVersion !== undefined && before!.version !== expectedVersion) return { conflict: before! };
        const [after] = await tx
          .update(recommendations)
          .set({ ...values, version: before!.version + 1, updatedAt: new Date() })
          .where(eq(recommendations.id, recommendationId))
          .returning();
        await recordAudit(tx, actor, {
          action: 'recommendation.update',
          subjectType: 'recommendation',
          subjectId: recommendationId,
          inspectionId,
          before,
          after,
        });
        return { saved: after! };
      });
      if ('conflict' in outcome)
        throw new ConflictError(
          'Someone else changed this recommendation after you opened it. Nothing you entered was saved.',
          outcome.conflict,
        );
      return outcome.saved;
    },

    /** Marked removed, never deleted: an improvement plan may refer to it. */
    async remove(actor: Actor, inspectionId: string, recommendationId: string) {
      await inspectionWith(db, actor, inspectionId, 'report.edit');
      const before = await find(inspectionId, recommendationId);
      return db.transaction(async (tx) => {
        const [after] = await tx
          .update(recommendations)
          .set({ removedAt: new Date(), version: before.version + 1, updatedAt: new Date() })
          .where(eq(recommendations.id, recommendationId))
          .returning();
        await recordAudit(tx, actor, {
          action: 'recommendation.remove',
          subjectType: 'recommendation',
          subjectId: recommendationId,
          inspectionId,
          before,
          after,
        });
        return after!;
      });
    },
  };
}
