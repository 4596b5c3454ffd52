/** The report's own styles, on top of GOV.UK Frontend's: the draft watermark, charts and print. */
export const reportCss = `
.app-report { position: relative; }
.app-report--draft::before {
  /* A pseudo-element: decoration, not text, for screen readers and contrast checks alike. */
  content: 'DRAFT';
  position: fixed; top: 40%; left: 0; right: 0; text-align: center; pointer-events: none; z-index: 0;
  font-size: 140px; font-weight: 700; color: rgba(177, 180, 182, 0.35); transform: rotate(-30deg);
  font-family: arial, sans-serif;
}
.app-report-chart { max-width: 640px; display: block; margin: 0 0 30px; }
.app-report-ratings-box .app-report-domain-row th { background: #f3f2f1; }
.app-report-ratings-box .app-report-standard-cell { font-weight: 400; padding-left: 15px; }
.app-report-kq { font-weight: 400; }
.app-report-kq strong { font-weight: 700; }
.app-report-empty { color: #505a5f; }
.app-report-contents .app-report-contents--level-2 { margin-left: 20px; }
@media print {
  @page { size: A4; margin: 18mm 15mm 20mm; }
  .govuk-header, .govuk-service-navigation, .app-account-bar, .govuk-footer, .govuk-breadcrumbs,
  .app-report-actions, .govuk-button, .govuk-notification-banner { display: none !important; }
  .govuk-width-container { max-width: none; margin: 0; }
  .app-report-break { break-before: page; }
  .app-report-standard, table, .app-report-chart { break-inside: avoid; }
  /* The ratings box, its caption and its footnote on one page, as published. */
  .app-report-ratings { break-inside: avoid; }
  .app-report-ratings-box .govuk-table__header, .app-report-ratings-box .govuk-table__cell { padding: 6px 20px 6px 0; }
  h2, h3, h4 { break-after: avoid; }
  a.govuk-link { color: #0b0c0c; text-decoration: none; }
}
`;
