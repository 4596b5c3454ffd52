import type nunjucks from 'nunjucks';
import { longDate, monthYear } from '../../../domain/dates.js';
import { createViewEnvironment } from '../../../platform/web/nunjucks.js';
import type { ReportModel } from '../../../domain/report/model.js';
import { keyQuestionChart } from './chart.js';
import { proseBlocks } from './prose.js';
import { frameworkUntranslated, keyQuestionLead, methodologyParagraphs, reportText } from './report-words.js';
import { currentLanguage, t } from '../../../platform/i18n/index.js';

/** Where a report stands: a working draft, or a published version frozen on a date. */
export interface ReportState {
  status: 'draft' | 'published';
  /** The published version shown, or for a draft the version it would become. */
  versionNumber: number;
  publishedAt: string | null;
}

let environment: nunjucks.Environment | undefined;
/** The app's own template environment, so a page, a download and the command line print the same report. */
const views = () => (environment ??= createViewEnvironment());

/** The contents as the seeds list them: the sections, each domain, and each standard under it (its number a prefix). */
function contentsOf(model: ReportModel) {
  const d = model.document;
  return [
    { id: 'foreword', prefix: '', text: 'Foreword', level: 1 },
    { id: 'ratings', prefix: '', text: 'Ratings', level: 1 },
    { id: 'recommendations', prefix: '', text: 'Recommendations', level: 1 },
    { id: 'background', prefix: '', text: 'Background', level: 1 },
    ...model.domains.flatMap((domain) => [
      { id: `domain-${domain.id}`, prefix: '', text: d.domainHeadings[domain.id] ?? domain.title, level: 1 },
      ...domain.standards.map((s) => ({ id: `standard-${s.id}`, prefix: `${s.id}. `, text: s.title, level: 2 })),
    ]),
    { id: 'further-information', prefix: '', text: 'Further information', level: 1 },
    { id: 'annexe-methodology', prefix: '', text: 'Annexe 1: Methodology', level: 1 },
    { id: 'annexe-data', prefix: '', text: 'Annexe 2: Inspection data', level: 1 },
  ];
}

function surveyRowsOf(model: ReportModel) {
  const s = model.surveys;
  const rows: { label: string; value: string }[] = [];
  const add = (label: string, value: number | null) => {
    if (value !== null) rows.push({ label, value: value.toLocaleString('en-GB') });
  };
  add('Children who consented to the text survey', s.childrenConsented);
  add('Children who replied', s.childrenReplied);
  add('Average score given by children (1 to 10)', s.childrenAverageScore);
  add('Staff sent the staff survey', s.staffSurveyed);
  add('Staff who replied', s.staffReplied);
  return rows;
}

/** What the document's templates print, in the language being written (the request's, or withLanguage's). */
function viewOf(model: ReportModel, state: ReportState) {
  const published = state.publishedAt ? new Date(state.publishedAt) : null;
  const language = currentLanguage();
  return {
    model,
    state: { ...state, publishedAt: published ? longDate(published, { language }) : null },
    publishedMonth: published ? monthYear(published, language) : t('draft, not yet published'),
    tr: reportText,
    keyQuestionLead,
    frameworkUntranslated: frameworkUntranslated(model),
    methodologyParagraphs: methodologyParagraphs(model),
    contents: contentsOf(model),
    boxNotes: Object.values(model.document.footnotes.byDomain),
    surveyRows: surveyRowsOf(model),
    caseloadTallies: model.contextFacts.caseload.map((c) => ({ label: c.type, count: c.count })),
    blocks: proseBlocks,
    chart: (standard: ReportModel['domains'][number]['standards'][number]) =>
      keyQuestionChart(standard, model.methodology.keyQuestionBands),
  };
}

/** The report's body, in the seed reports' order: one h1, then h2 sections and h3 standards. */
export function reportBodyHtml(model: ReportModel, state: ReportState): string {
  return views().render('report/views/document/body.njk', viewOf(model, state));
}

/** A complete HTML document of the report, styles included, readable without the application (and for the PDF). */
export function standaloneReportHtml(model: ReportModel, state: ReportState, css: string): string {
  return views().render('report/views/document/standalone.njk', { ...viewOf(model, state), css });
}

/** The PDF's running footer: the service, and Chromium's page numbers. */
export function pdfFooterHtml(model: ReportModel, state: ReportState): string {
  return views().render('report/views/document/pdf-footer.njk', { model, state });
}
