import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../../platform/db/connect.js';
import { annexeXlsx, keyQuestionsCsv } from '../render/data-annexe.js';
import { reportCss } from '../render/report-css.js';
import { pdfFooterHtml, standaloneReportHtml } from '../render/report-html.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import type { PdfRenderer } from '../../../platform/pdf.js';
import type { ShownReport } from './publish.js';
import { withLanguage, type Language } from '../../../platform/i18n/index.js';
import type { ReportLanguage } from '../tables.js';

export const reportFormats = ['html', 'pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The editions a report's language setting gives, the first the one downloaded when none is asked for. */
export const editionsOf = (language: ReportLanguage): Language[] => (language === 'both' ? ['cy', 'en'] : [language]);

export const contentTypes: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

let govukCss: string | undefined;
/** GOV.UK Frontend's stylesheet, read once, so that a downloaded report needs nothing else to look right. */
function stylesheet(): string {
  govukCss ??= readFileSync(
    fileURLToPath(
      new URL('../../../../node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css', import.meta.url),
    ),
    'utf8',
  )
    // The fonts and images are served by the application, not inside a downloaded file.
    .replace(/url\([^)]*\/assets\/[^)]*\)/g, 'none');
  return `${govukCss}\n${reportCss}`;
}

export function reportHtmlDocument(shown: Pick<ShownReport, 'model' | 'state'>): string {
  return standaloneReportHtml(shown.model, shown.state, stylesheet());
}

/**
 * The report as a PDF through Chromium: A4, page numbers in the footer, the headings as the PDF's outline. The
 * HTML and the footer are written before Chromium is reached, in the language of the caller (withLanguage).
 */
export function reportPdf(shown: Pick<ShownReport, 'model' | 'state'>, pdf: PdfRenderer): Promise<Buffer> {
  return pdf.render(reportHtmlDocument(shown), {
    media: 'print',
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: pdfFooterHtml(shown.model, shown.state),
    margin: { top: '18mm', bottom: '20mm', left: '15mm', right: '15mm' },
    outline: true,
    tagged: true,
  });
}

/** The report as a file, its words in `edition` (the data annexe and the CSV keep their English columns). */
export async function renderReport(
  shown: Pick<ShownReport, 'model' | 'state'>,
  format: ReportFormat,
  pdf: PdfRenderer,
  edition: Language = 'en',
): Promise<Buffer> {
  return withLanguage(edition, () => renderIn(shown, format, pdf));
}

async function renderIn(
  shown: Pick<ShownReport, 'model' | 'state'>,
  format: ReportFormat,
  pdf: PdfRenderer,
): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(reportHtmlDocument(shown));
    case 'pdf':
      return reportPdf(shown, pdf);
    case 'xlsx':
      return annexeXlsx(shown.model, shown.state.status === 'draft');
    case 'csv':
      return Buffer.from(keyQuestionsCsv(shown.model));
  }
}

/** A file name such as "hackney-youth-justice-service-report-v2-draft.pdf" ("…-draft-cy.pdf" for the Welsh edition). */
export function reportFileName(
  shown: Pick<ShownReport, 'model' | 'state'>,
  format: ReportFormat,
  edition: Language = 'en',
): string {
  const slug = shown.model.service
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const kind = format === 'xlsx' || format === 'csv' ? 'data' : 'report';
  const welsh = edition === 'cy' && (format === 'html' || format === 'pdf') ? '-cy' : '';
  return `${slug}-${kind}-v${shown.state.versionNumber}${shown.state.status === 'draft' ? '-draft' : ''}${welsh}.${format}`;
}

/** Every download of the report or its data is on the audit trail: it carries case-level figures. */
export async function recordDownload(
  db: Database,
  actor: Actor,
  inspectionId: string,
  shown: ShownReport,
  format: ReportFormat,
  edition: Language = 'en',
) {
  await db.transaction(async (tx) => {
    await recordAudit(tx, actor, {
      action: 'report.download',
      subjectType: 'report',
      subjectId: inspectionId,
      inspectionId,
      after: {
        format,
        status: shown.state.status,
        versionNumber: shown.state.versionNumber,
        ...(edition !== 'en' && { language: edition }),
      },
    });
  });
}
