import { esc, longDate, number, proseHtml } from './html.js';
import type { ReportModel } from '../../../domain/report/model.js';
import {
  diversityHtml,
  domainHeading,
  domainsHtml,
  involvementHtml,
  table,
  tallyRows,
  td,
  th,
} from './standards-html.js';

/** Where a report stands: a working draft, or a published version frozen on a date. */
export interface ReportState {
  status: 'draft' | 'published';
  /** The published version shown, or for a draft the version it would become. */
  versionNumber: number;
  publishedAt: string | null;
}

function ratingsBoxHtml(model: ReportModel, notes: string[]): string {
  const box = model.ratingsBox;
  const ref = (text: string) => {
    notes.push(text);
    return `<sup><a class="govuk-link" href="#note-kq-${notes.length}">${notes.length}</a></sup>`;
  };
  const rows: string[] = [];
  for (const domain of box.domains) {
    const domainNote = domain.footnote ? ref(domain.footnote) : '';
    rows.push(
      `<tr class="govuk-table__row app-report-domain-row"><th scope="colgroup" colspan="2" class="govuk-table__header">${esc(domain.id)}. ${esc(domain.title)}${domainNote}</th></tr>`,
    );
    for (const s of domain.standards) {
      const note = s.discretionNote ? ref(s.discretionNote) : '';
      rows.push(
        `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header app-report-standard-cell">${esc(s.id)} ${esc(s.title)}</th><td class="govuk-table__cell"><strong>${esc(s.rating ?? 'Not yet rated')}</strong>${note}</td></tr>`,
      );
    }
  }
  return [
    `<h2 class="govuk-heading-l app-report-break" id="ratings">Ratings</h2>`,
    `<table class="govuk-table app-report-ratings-box" id="ratings-box">`,
    `<caption class="govuk-table__caption govuk-table__caption--m">${esc(model.service)}${model.fieldworkMonth ? `<span class="govuk-caption-m">Fieldwork started ${esc(model.fieldworkMonth)}</span>` : ''}</caption>`,
    `<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Standard</th><th scope="col" class="govuk-table__header">Rating</th></tr></thead>`,
    `<tbody class="govuk-table__body">`,
    `<tr class="govuk-table__row app-report-overall"><th scope="row" class="govuk-table__header">Score</th><td class="govuk-table__cell"><strong>${box.score === null ? 'Not yet known' : `${box.score}/${box.maxScore}`}</strong></td></tr>`,
    `<tr class="govuk-table__row app-report-overall"><th scope="row" class="govuk-table__header">Overall rating</th><td class="govuk-table__cell"><strong>${esc(box.overall ?? 'Not yet rated')}</strong></td></tr>`,
    ...rows,
    `</tbody></table>`,
    // The box's own notes under it, as the reports print them; the other notes follow on in the Notes section.
    notes.length
      ? `<ol class="govuk-list govuk-list--number govuk-body-s app-report-notes">${notes.map((n, i) => `<li id="note-kq-${i + 1}">${esc(n)}</li>`).join('')}</ol>`
      : '',
  ].join('\n');
}

const countWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function recommendationsHtml(model: ReportModel): string {
  const parts = [`<h2 class="govuk-heading-l" id="recommendations">Recommendations</h2>`];
  const count = model.recommendationGroups.reduce((n, g) => n + g.items.length, 0);
  if (count === 0)
    return parts.concat('<p class="govuk-body">No recommendations have been written yet.</p>').join('\n');
  parts.push(
    `<p class="govuk-body">As a result of our inspection findings, we have made ${countWords[count] ?? count} recommendation${count === 1 ? '' : 's'}.</p>`,
  );
  for (const group of model.recommendationGroups) {
    parts.push(`<h3 class="govuk-heading-s">${esc(group.heading)} should:</h3>`);
    parts.push(
      `<ol class="govuk-list govuk-list--number app-report-recommendations">${group.items
        .map(
          (r) =>
            `<li value="${r.number}" id="recommendation-${r.number}">${esc(r.text)}${r.standardIds.length ? ` <span class="govuk-body-s app-report-standards">(standard${r.standardIds.length === 1 ? '' : 's'} ${r.standardIds.map(esc).join(', ')})</span>` : ''}</li>`,
        )
        .join('')}</ol>`,
    );
  }
  return parts.join('\n');
}

function backgroundHtml(model: ReportModel): string {
  const f = model.facts;
  const facts: [string, string][] = [];
  if (f.fieldworkStart)
    facts.push([
      'Fieldwork',
      f.secondWeekStart
        ? `weeks commencing ${longDate(f.fieldworkStart)} and ${longDate(f.secondWeekStart)}`
        : `${longDate(f.fieldworkStart)}${f.fieldworkEnd ? ` to ${longDate(f.fieldworkEnd)}` : ''}`,
    ]);
  if (f.caseWindowFrom && f.caseWindowTo)
    facts.push([
      'Cases whose sentence, licence or disposal began',
      `${longDate(f.caseWindowFrom)} to ${longDate(f.caseWindowTo)}`,
    ]);
  facts.push(['Case manager interviews', number(f.caseManagerInterviews)]);
  facts.push(['Meetings', number(f.meetings)]);
  const parts = [
    `<h2 class="govuk-heading-l app-report-break" id="background">Background</h2>`,
    proseHtml(model.prose.background),
    `<dl class="govuk-summary-list">${facts.map(([k, v]) => `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(k)}</dt><dd class="govuk-summary-list__value">${esc(v)}</dd></div>`).join('')}</dl>`,
  ];
  for (const domain of f.domains)
    parts.push(
      table(
        `${esc(domain.label)}: ${number(domain.cases)} cases inspected, by disposal`,
        [th('Disposal'), th('Cases', true)],
        tallyRows(domain.disposals),
      ),
    );
  parts.push(`<h3 class="govuk-heading-m" id="local-context">Local context</h3>`, proseHtml(model.prose.localContext));
  const c = model.contextFacts;
  if (c.population !== null || c.youthPopulation !== null)
    parts.push(
      table(
        'Population',
        [th('Measure'), th('People', true)],
        [
          ...(c.population !== null
            ? [[`<th scope="row" class="govuk-table__header">Population</th>`, td(number(c.population), true)]]
            : []),
          ...(c.youthPopulation !== null
            ? [
                [
                  `<th scope="row" class="govuk-table__header">Population aged 10 to 17</th>`,
                  td(number(c.youthPopulation), true),
                ],
              ]
            : []),
        ],
      ),
    );
  if (c.demographics.length)
    parts.push(
      table(
        'Children cautioned or sentenced, against the national average',
        [th('Group'), th('This service', true), th('National average', true)],
        c.demographics.map((d) => [
          `<th scope="row" class="govuk-table__header">${esc(d.group)}</th>`,
          td(`${d.localPercent}%`, true),
          td(d.nationalPercent === null ? '–' : `${d.nationalPercent}%`, true),
        ]),
      ),
    );
  if (c.caseload.length)
    parts.push(
      table(
        'Caseload by type',
        [th('Type'), th('Children', true)],
        c.caseload.map((x) => [
          `<th scope="row" class="govuk-table__header">${esc(x.type)}</th>`,
          td(number(x.count), true),
        ]),
      ),
    );
  return parts.join('\n');
}

function methodologyHtml(model: ReportModel): string {
  const m = model.methodology;
  return [
    `<h2 class="govuk-heading-l app-report-break" id="annexe-methodology">Annexe: methodology</h2>`,
    ...m.paragraphs.map((p) => `<p class="govuk-body">${esc(p)}</p>`),
    table(
      'Key-question bands',
      [th("% 'Yes'"), th('Band'), th('Rating')],
      m.keyQuestionBands.map((b) => [
        `<th scope="row" class="govuk-table__header">${b.from}% to ${b.to}%</th>`,
        td(esc(b.label)),
        td(esc(b.rating)),
      ]),
    ),
    table(
      'Scores of standard ratings',
      [th('Rating'), th('Score', true)],
      m.scores.map((s) => [
        `<th scope="row" class="govuk-table__header">${esc(s.rating)}</th>`,
        td(String(s.score), true),
      ]),
    ),
    table(
      `Overall rating from the total score (0 to ${m.maxScore})`,
      [th('Score'), th('Overall rating')],
      m.overallBands.map((b) => [
        `<th scope="row" class="govuk-table__header">${b.from} to ${b.to}</th>`,
        td(esc(b.rating)),
      ]),
    ),
  ].join('\n');
}

const contents = (model: ReportModel) =>
  [
    ['foreword', 'Foreword'],
    ['ratings', 'Ratings'],
    ['recommendations', 'Recommendations'],
    ['background', 'Background'],
    ...model.domains.map((d) => [`domain-${d.id}`, domainHeading(d)]),
    ['involvement', 'Involvement of children and their parents or carers'],
    ['diversity', 'Diversity of the inspected cases'],
    ['notes', 'Notes'],
    ['annexe-methodology', 'Annexe: methodology'],
  ] as const;

/** The report's body, in the seed reports' order: one h1, then h2 sections and h3 standards. */
export function reportBodyHtml(model: ReportModel, state: ReportState): string {
  const notes: string[] = [];
  const draft = state.status === 'draft';
  const ratings = ratingsBoxHtml(model, notes);
  const boxNotes = notes.length;
  const domains = domainsHtml(model, notes);
  return [
    `<article class="app-report${draft ? ' app-report--draft' : ''}">`,
    `<p class="govuk-body app-report-state"><strong class="govuk-tag ${draft ? 'govuk-tag--yellow' : 'govuk-tag--green'}">${draft ? 'Draft' : 'Published'}</strong> ${draft ? `Not published: draft of version ${state.versionNumber}.` : `Version ${state.versionNumber}, published ${esc(state.publishedAt ? longDate(state.publishedAt) : '')}.`}</p>`,
    model.isDemo
      ? `<p class="govuk-body govuk-!-font-weight-bold">Demonstration: the cases behind these figures are synthetic, not real children.</p>`
      : '',
    `<span class="govuk-caption-xl">An inspection of youth justice services</span>`,
    `<h1 class="govuk-heading-xl">${esc(model.service)}</h1>`,
    `<nav class="app-report-contents" aria-labelledby="contents-heading"><h2 class="govuk-heading-m" id="contents-heading">Contents</h2><ol class="govuk-list govuk-list--number">${contents(
      model,
    )
      .map(([id, text]) => `<li><a class="govuk-link" href="#${id}">${esc(text)}</a></li>`)
      .join('')}</ol></nav>`,
    `<h2 class="govuk-heading-l app-report-break" id="foreword">Foreword</h2>`,
    proseHtml(model.prose.foreword, 'No foreword has been written yet.'),
    ratings,
    recommendationsHtml(model),
    backgroundHtml(model),
    domains,
    involvementHtml(model),
    diversityHtml(model),
    `<h2 class="govuk-heading-l" id="notes">Notes</h2>`,
    `<ol class="govuk-list govuk-list--number app-report-notes" start="${boxNotes + 1}">${notes
      .slice(boxNotes)
      .map((n, i) => `<li id="note-kq-${boxNotes + i + 1}">${esc(n)}</li>`)
      .join('')}</ol>`,
    methodologyHtml(model),
    `<p class="govuk-body-s">Framework: ${esc(model.framework.title)} (${esc(model.framework.id)}). Produced by yj-inspect.</p>`,
    `</article>`,
  ].join('\n');
}

/** A complete HTML document of the report, styles included, readable without the application (and for the PDF). */
export function standaloneReportHtml(model: ReportModel, state: ReportState, css: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(model.service)}: inspection report${state.status === 'draft' ? ' (draft)' : ''}</title>
<style>${css}</style></head>
<body class="govuk-template__body govuk-frontend-supported"><div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
${reportBodyHtml(model, state)}
</main></div></body></html>`;
}
