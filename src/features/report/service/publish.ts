import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { inspections, users } from '../../../platform/db/core-tables.js';
import { reportVersions } from '../tables.js';
import type { ReportModel } from '../../../domain/report/model.js';
import type { ReportState } from '../render/report-html.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { inspectionWith } from '../../../policy/policy.js';
import type { RatingService } from '../../ratings/index.js';
import { canonicalJson, liveReport } from './build.js';

export interface ShownReport {
  inspection: Awaited<ReturnType<typeof liveReport>>['inspection'];
  model: ReportModel;
  state: ReportState;
  /** The latest published version, if any. */
  latestVersion: number | null;
  /** The working draft differs from the latest published version (or none is published). */
  changedSincePublished: boolean;
  /** Why the draft cannot be published yet, if it cannot. */
  notPublishable: string | null;
}

export function createReportPublishService(db: Database, ratings: RatingService, clock: Clock = systemClock) {
  async function versionRows(inspectionId: string) {
    return db
      .select({
        id: reportVersions.id,
        versionNumber: reportVersions.versionNumber,
        snapshot: reportVersions.snapshot,
        publishedAt: reportVersions.publishedAt,
        publishedBy: users.displayName,
      })
      .from(reportVersions)
      .leftJoin(users, eq(users.id, reportVersions.publishedBy))
      .where(eq(reportVersions.inspectionId, inspectionId))
      .orderBy(desc(reportVersions.versionNumber));
  }

  /** The working draft, or the published version asked for, frozen as it was published. */
  async function report(actor: Actor, inspectionId: string, version?: number): Promise<ShownReport> {
    const live = await liveReport(db, ratings, actor, inspectionId);
    const versions = await versionRows(inspectionId);
    const latest = versions[0] ?? null;
    const changed = !latest || canonicalJson(latest.snapshot) !== canonicalJson(live.model);
    const missing = live.rating.missing;
    const notPublishable = missing.length
      ? `Not every standard is rated yet: ${missing.map((m) => `${m.standard} (${m.what})`).join('; ')}`
      : live.toConsider.length
        ? `The ratings panel has still to consider ${live.toConsider.join(', ')}: record whether each rating stands or moves one band`
        : !changed
          ? `Nothing has changed since version ${latest.versionNumber} was published`
          : null;
    const base = {
      inspection: live.inspection,
      latestVersion: latest?.versionNumber ?? null,
      changedSincePublished: changed,
      notPublishable,
    };
    if (version !== undefined) {
      const shown = versions.find((v) => v.versionNumber === version);
      if (!shown) throw new NotFoundError('report version not found');
      return {
        ...base,
        model: shown.snapshot as ReportModel,
        state: {
          status: 'published',
          versionNumber: shown.versionNumber,
          publishedAt: shown.publishedAt.toISOString(),
        },
      };
    }
    if (latest && !changed)
      return {
        ...base,
        model: live.model,
        state: {
          status: 'published',
          versionNumber: latest.versionNumber,
          publishedAt: latest.publishedAt.toISOString(),
        },
      };
    return {
      ...base,
      model: live.model,
      state: { status: 'draft', versionNumber: (latest?.versionNumber ?? 0) + 1, publishedAt: null },
    };
  }

  return {
    report,

    /** Every published version, newest first, without the snapshots. */
    async versions(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.view');
      const rows = await versionRows(inspectionId);
      return { inspection, versions: rows.map(({ snapshot: _snapshot, ...rest }) => rest) };
    },

    /**
     * Freezes the report's figures and text as a new version (lead inspector only). Refused while a standard
     * is unrated, or when nothing changed since the last version; `expectedVersion` guards against publishing
     * a draft someone else has just published.
     */
    async publish(actor: Actor, inspectionId: string, input: { expectedVersion?: number } = {}) {
      await inspectionWith(db, actor, inspectionId, 'report.publish');
      const shown = await report(actor, inspectionId);
      if (shown.notPublishable) throw new ValidationError({ publish: shown.notPublishable });
      if (input.expectedVersion !== undefined && input.expectedVersion !== shown.state.versionNumber)
        throw new ValidationError({
          publish: `Version ${shown.latestVersion} has been published since you opened the page: check the report again`,
        });
      return db.transaction(async (tx) => {
        const [latest] = await tx
          .select({ n: reportVersions.versionNumber })
          .from(reportVersions)
          .where(eq(reportVersions.inspectionId, inspectionId))
          .orderBy(desc(reportVersions.versionNumber))
          .limit(1);
        const versionNumber = (latest?.n ?? 0) + 1;
        const [published] = await tx
          .insert(reportVersions)
          // The date the report says it was published: the clock's, not the database's.
          .values({
            inspectionId,
            versionNumber,
            snapshot: shown.model,
            publishedBy: actor.id,
            publishedAt: clock.now(),
          })
          .returning({
            id: reportVersions.id,
            versionNumber: reportVersions.versionNumber,
            publishedAt: reportVersions.publishedAt,
          });
        const [before] = await tx
          .select({ status: inspections.status })
          .from(inspections)
          .where(eq(inspections.id, inspectionId));
        await tx.update(inspections).set({ status: 'published' }).where(eq(inspections.id, inspectionId));
        // Publishing is the move to the published stage: its history shows when, and who.
        if (before!.status !== 'published')
          await recordAudit(tx, actor, {
            action: 'inspection.stage',
            subjectType: 'inspection',
            subjectId: inspectionId,
            inspectionId,
            before: { stage: before!.status },
            after: { stage: 'published' },
          });
        await recordAudit(tx, actor, {
          action: 'report.publish',
          subjectType: 'report',
          subjectId: inspectionId,
          inspectionId,
          after: { versionNumber, score: shown.model.ratingsBox.score, overall: shown.model.ratingsBox.overall },
        });
        return published!;
      });
    },
  };
}
