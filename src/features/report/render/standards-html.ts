import { keyQuestionChartSvg } from './chart-svg.js';
import { esc, number, proseHtml } from './html.js';
import type { KeyQuestionRow, ReportModel, ReportStandard } from '../../../domain/report/model.js';
import type { Tally } from '../../../domain/report/sample-facts.js';

const th = (text: string, numeric = false) =>
  `<th scope="col" class="govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}">${text}</th>`;
const td = (text: string, numeric = false) =>
  `<td class="govuk-table__cell${numeric ? ' govuk-table__cell--numeric' : ''}">${text}</td>`;
const bold = (text: string, on: boolean) => (on ? `<strong>${text}</strong>` : text);
const percent = (value: number | null) => (value === null ? '–' : `${value}%`);

export function table(caption: string, head: string[], rows: string[][], captionSize = 's'): string {
  return (
    `<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--${captionSize}">${caption}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row">${head.join('')}</tr></thead>` +
    `<tbody class="govuk-table__body">${rows.map((r) => `<tr class="govuk-table__row">${r.join('')}</tr>`).join('')}</tbody></table>`
  );
}

function keyQuestionTable(model: ReportModel, standard: ReportStandard, noteNumber: number): string {
  const counts = model.keyQuestionFormat === 'counts' && standard.keyQuestions.every((kq) => kq.relevant !== null);
  const head = counts
    ? [th('Key question'), th('Relevant cases', true), th("Number 'Yes'", true), th("% 'Yes'", true)]
    : [th('Key question'), th("% 'Yes'", true)];
  const row = (kq: KeyQuestionRow) => {
    const question = `<th scope="row" class="govuk-table__header app-report-kq">${bold(esc(kq.text), kq.limiting)}${kq.limiting ? '<span class="govuk-visually-hidden"> (lowest: sets the rating)</span>' : ''}</th>`;
    return counts
      ? [
          question,
          td(number(kq.relevant), true),
          td(number(kq.yes), true),
          td(bold(percent(kq.percent), kq.limiting), true),
        ]
      : [question, td(bold(percent(kq.percent), kq.limiting), true)];
  };
  const caption = `Our rating<sup><a class="govuk-link" href="#note-kq-${noteNumber}" id="ref-kq-${esc(standard.id)}">${noteNumber}</a></sup> for ${esc(standard.title.toLowerCase())} is based on the following key questions`;
  return table(caption, head, standard.keyQuestions.map(row));
}

function promptTables(standard: ReportStandard): string {
  return standard.promptTables
    .map((t) =>
      table(
        esc(t.keyQuestionText),
        [th('Prompt'), th('Relevant cases', true), th("Number 'Yes'", true), th("% 'Yes'", true)],
        t.prompts.map((p) => [
          `<th scope="row" class="govuk-table__header app-report-kq">${esc(p.text)}</th>`,
          td(number(p.relevant), true),
          td(number(p.yes), true),
          td(percent(p.percent), true),
        ]),
      ),
    )
    .join('');
}

function standardSection(model: ReportModel, standard: ReportStandard, notes: string[]): string {
  const parts = [
    `<section class="app-report-standard" aria-labelledby="standard-${esc(standard.id)}">`,
    `<h3 class="govuk-heading-m" id="standard-${esc(standard.id)}">${esc(standard.id)} ${esc(standard.title)}</h3>`,
    `<p class="govuk-body-l">${esc(standard.statement)}</p>`,
    `<p class="govuk-body"><strong class="app-report-rating">${esc(standard.rating ?? 'Not yet rated')}</strong>${standard.inOverallScore ? '' : ' (rated separately)'}</p>`,
  ];
  if (standard.strengths.trim())
    parts.push(`<h4 class="govuk-heading-s">Strengths</h4>`, proseHtml(standard.strengths));
  if (standard.areasForImprovement.trim())
    parts.push(`<h4 class="govuk-heading-s">Areas for improvement</h4>`, proseHtml(standard.areasForImprovement));
  if (standard.keyQuestions.length > 0) {
    notes.push(
      'The rating for the standard is driven by the lowest score on each of the key questions, which is placed in a rating band, indicated in bold in the table.',
    );
    parts.push(keyQuestionTable(model, standard, notes.length));
    parts.push(keyQuestionChartSvg(standard, standard.keyQuestions, model.methodology.keyQuestionBands));
    if (standard.discretion?.applied) {
      notes.push(standard.discretion.applied.note);
      parts.push(
        `<p class="govuk-body-s">Professional discretion was applied in this standard<sup><a class="govuk-link" href="#note-kq-${notes.length}">${notes.length}</a></sup>: from ${esc(standard.discretion.applied.from)} to ${esc(standard.discretion.applied.to)}.</p>`,
      );
    }
    parts.push(promptTables(standard));
  }
  parts.push(proseHtml(standard.narrative));
  if (standard.linkedRecommendations.length)
    parts.push(
      `<p class="govuk-body-s">Recommendations on this standard: ${standard.linkedRecommendations.map((n) => `<a class="govuk-link" href="#recommendation-${n}">${n}</a>`).join(', ')}.</p>`,
    );
  parts.push('</section>');
  return parts.join('\n');
}

const domainWords = ['one', 'two', 'three', 'four', 'five', 'six'];
export const domainHeading = (domain: { id: string; title: string }) =>
  `Domain ${domainWords[Number(domain.id) - 1] ?? domain.id}: ${domain.title}`;

/** The domains and their standards: statement, rating, strengths, areas for improvement, key questions, notes. */
export function domainsHtml(model: ReportModel, notes: string[]): string {
  return model.domains
    .map(
      (domain) =>
        `<section aria-labelledby="domain-${esc(domain.id)}"><h2 class="govuk-heading-l app-report-break" id="domain-${esc(domain.id)}">${esc(domainHeading(domain))}</h2>` +
        (domain.footnote ? `<p class="govuk-body-s">${esc(domain.footnote)}</p>` : '') +
        domain.standards.map((s) => standardSection(model, s, notes)).join('\n') +
        '</section>',
    )
    .join('\n');
}

const tallyRows = (tallies: Tally[]) =>
  tallies.map((t) => [`<th scope="row" class="govuk-table__header">${esc(t.label)}</th>`, td(number(t.count), true)]);

/** The involvement of children and their parents or carers: the survey results as the inspectors entered them. */
export function involvementHtml(model: ReportModel): string {
  const s = model.surveys;
  const rows: [string, string][] = [];
  if (s.childrenConsented !== null)
    rows.push(['Children who consented to the text survey', number(s.childrenConsented)]);
  if (s.childrenReplied !== null) rows.push(['Children who replied', number(s.childrenReplied)]);
  if (s.childrenAverageScore !== null)
    rows.push(['Average score given by children (1 to 10)', String(s.childrenAverageScore)]);
  if (s.staffSurveyed !== null) rows.push(['Staff sent the staff survey', number(s.staffSurveyed)]);
  if (s.staffReplied !== null) rows.push(['Staff who replied', number(s.staffReplied)]);
  return [
    `<h2 class="govuk-heading-l app-report-break" id="involvement">Involvement of children and their parents or carers</h2>`,
    proseHtml(model.prose.involvement),
    rows.length
      ? table(
          'Survey results',
          [th('Survey'), th('Figure', true)],
          rows.map(([label, value]) => [
            `<th scope="row" class="govuk-table__header">${esc(label)}</th>`,
            td(value, true),
          ]),
          'm',
        )
      : '<p class="govuk-body">No survey results have been entered.</p>',
    s.childrenSummary.trim()
      ? `<h3 class="govuk-heading-s">What children told us</h3>${proseHtml(s.childrenSummary)}`
      : '',
    s.staffSummary.trim() ? `<h3 class="govuk-heading-s">The staff survey</h3>${proseHtml(s.staffSummary)}` : '',
  ].join('\n');
}

/** The diversity of the inspected cases, per domain: sex, ethnicity group and disability. */
export function diversityHtml(model: ReportModel): string {
  const parts = [`<h2 class="govuk-heading-l" id="diversity">Diversity of the inspected cases</h2>`];
  if (model.facts.domains.length === 0) parts.push('<p class="govuk-body">No cases have been inspected yet.</p>');
  for (const domain of model.facts.domains) {
    parts.push(`<h3 class="govuk-heading-m">${esc(domain.label)} (${number(domain.cases)} cases)</h3>`);
    const { sex, ethnicity, disability } = domain.diversity;
    parts.push(table(`${esc(domain.label)}: sex`, [th('Sex'), th('Cases', true)], tallyRows(sex)));
    parts.push(
      table(`${esc(domain.label)}: ethnicity group`, [th('Ethnicity group'), th('Cases', true)], tallyRows(ethnicity)),
    );
    parts.push(table(`${esc(domain.label)}: disability`, [th('Disability'), th('Cases', true)], tallyRows(disability)));
  }
  return parts.join('\n');
}

export { th, td, tallyRows };
