import type { Database } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import type { Actor } from '../../../platform/audit.js';
import { inspectionWith, refusalOf, rolesFor } from '../../../policy/policy.js';
import type { RatingService } from '../../ratings/index.js';
import { contentOf, createReportContentService } from './content.js';
import { editionsOf, recordDownload, renderReport, reportFileName, type ReportFormat } from './outputs.js';
import { NotFoundError } from '../../../platform/errors.js';
import type { Language } from '../../../platform/i18n/index.js';
import type { PdfRenderer } from '../../../platform/pdf.js';
import { createReportPublishService } from './publish.js';
import { createRecommendationService } from './recommendations.js';

/** The inspection report: its content, recommendations, publishing and the files it is downloaded as (PDF by `pdf`). */
export function createReportService(
  db: Database,
  ratings: RatingService,
  pdf: PdfRenderer,
  clock: Clock = systemClock,
) {
  const publishing = createReportPublishService(db, ratings, clock);
  return {
    ...createReportContentService(db, clock),
    ...publishing,
    recommendations: createRecommendationService(db, clock),

    /** What the actor may do to the report, for the pages to offer only that. */
    async abilities(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'report.view');
      const roles = await rolesFor(db, actor, { organisationId: inspection.organisationId, inspectionId });
      // At its stage, as the routes decide: no report text once it is published, say.
      return {
        edit: refusalOf(roles, 'report.edit', inspection) === null,
        publish: refusalOf(roles, 'report.publish', inspection) === null,
      };
    },

    /** The editions the report is downloaded in, from its language setting: ['en'], ['cy'] or ['cy', 'en']. */
    async editions(actor: Actor, inspectionId: string): Promise<Language[]> {
      await inspectionWith(db, actor, inspectionId, 'report.view');
      return editionsOf((await contentOf(db, inspectionId)).language);
    },

    /**
     * The report (or a published version) as a file, with the download on the audit trail: in `edition`, one of
     * the editions its language setting chose (the first when none is asked for).
     */
    async download(actor: Actor, inspectionId: string, format: ReportFormat, version?: number, edition?: Language) {
      const shown = await publishing.report(actor, inspectionId, version);
      const editions = editionsOf((await contentOf(db, inspectionId)).language);
      const chosen = edition ?? editions[0]!;
      if (!editions.includes(chosen)) throw new NotFoundError('report edition not found');
      const body = await renderReport(shown, format, pdf, chosen);
      await recordDownload(db, actor, inspectionId, shown, format, chosen);
      return { body, fileName: reportFileName(shown, format, chosen), shown, edition: chosen };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
