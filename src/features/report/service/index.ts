import type { Database } from '../../../platform/db/connect.js';
import type { Actor } from '../../../platform/audit.js';
import { inspectionWith, refusalOf, rolesFor } from '../../../policy/policy.js';
import type { RatingService } from '../../ratings/index.js';
import { createReportContentService } from './content.js';
import { recordDownload, renderReport, reportFileName, type ReportFormat } from './outputs.js';
import { createReportPublishService } from './publish.js';
import { createRecommendationService } from './recommendations.js';

/** The inspection report: its content, recommendations, publishing and the files it is downloaded as. */
export function createReportService(db: Database, ratings: RatingService) {
  const publishing = createReportPublishService(db, ratings);
  return {
    ...createReportContentService(db),
    ...publishing,
    recommendations: createRecommendationService(db),

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

    /** The report (or a published version) as a file, with the download on the audit trail. */
    async download(actor: Actor, inspectionId: string, format: ReportFormat, version?: number) {
      const shown = await publishing.report(actor, inspectionId, version);
      const body = await renderReport(shown, format);
      await recordDownload(db, actor, inspectionId, shown, format);
      return { body, fileName: reportFileName(shown, format), shown };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
