import type { Framework } from '../framework/model.js';
import type { InspectionRating, KeyQuestionResult, StandardResult } from '../rating/types.js';
import { promptTablesOf } from './prompt-tables.js';
import { fieldworkMonth } from './ratings-box.js';

const cell = (text: string) => text.replaceAll('|', '\\|');
const bold = (text: string, on: boolean) => (on ? `**${text}**` : text);

function keyQuestionTable(standard: StandardResult): string[] {
  const counts = standard.keyQuestions.some((kq) => kq.relevant !== null);
  const header = counts
    ? ["| Key question | Relevant cases | Number 'Yes' | % 'Yes' | Band |", '|---|---:|---:|---:|---|']
    : ["| Key question | % 'Yes' | Band |", '|---|---:|---|'];
  const figure = (value: number | null, suffix = '') => (value === null ? '–' : `${value}${suffix}`);
  const row = (kq: KeyQuestionResult) => {
    const text = bold(`${kq.id} ${cell(kq.text)}`, kq.limiting);
    const percent = bold(figure(kq.percent, '%'), kq.limiting);
    const band = kq.rating ? `${kq.band} (${kq.rating})` : '–';
    return counts
      ? `| ${text} | ${figure(kq.relevant)} | ${figure(kq.yes)} | ${percent} | ${band} |`
      : `| ${text} | ${percent} | ${band} |`;
  };
  return [...header, ...standard.keyQuestions.map(row)];
}

/** Each key question's prompts under its sub-sample, in the seed's columns (Merton prints no percentage). */
function promptTables(framework: Framework, standard: StandardResult): string[] {
  return promptTablesOf(framework, standard).flatMap((table) => [
    `#### ${table.keyQuestionId} ${cell(table.keyQuestionText)}`,
    '',
    `| ${cell(table.heading ?? 'Prompt')} | Relevant cases | Number 'Yes' |`,
    '|---|---:|---:|',
    ...table.prompts.map((p) => `| ${cell(p.text)} | ${p.relevant} | ${p.yes} |`),
    '',
  ]);
}

function standardSection(framework: Framework, standard: StandardResult): string[] {
  const lines = [`### ${standard.id} ${standard.title}: ${standard.rating ?? 'not yet rated'}`, ''];
  if (standard.missing) lines.push(`Not yet rated: ${standard.missing}.`, '');
  if (standard.provisionalRating)
    lines.push(`Provisional rating from the answers so far: ${standard.provisionalRating}.`, '');
  if (standard.source === 'judgement') lines.push("Judged on the inspectors' evidence.", '');
  if (standard.keyQuestions.length > 0) {
    lines.push(...keyQuestionTable(standard), '');
    if (standard.computedRating && standard.limitingKeyQuestion)
      lines.push(`Computed rating: ${standard.computedRating}, set by ${standard.limitingKeyQuestion} (in bold).`, '');
    lines.push(...promptTables(framework, standard));
  }
  const discretion = standard.discretion;
  if (discretion) {
    const verdict =
      discretion.eligible === true
        ? 'may be considered'
        : discretion.eligible === false
          ? 'does not arise'
          : 'cannot be judged from percentages alone';
    lines.push(`Professional discretion ${verdict}:`, '');
    for (const reason of discretion.reasons) lines.push(`- ${reason.code} (${reason.status}): ${reason.detail}`);
    lines.push('');
    if (discretion.applied)
      lines.push(`Applied: ${discretion.applied.from} → ${discretion.applied.to}. ${discretion.applied.note}`, '');
  }
  return lines;
}

/** The ratings with their workings: the box, then each standard's key-question table, prompt tables and discretion. */
export function ratingsMarkdown(framework: Framework, rating: InspectionRating, fieldwork?: string): string {
  const lines = [`# Ratings${rating.service ? `: ${rating.service}` : ''}`, ''];
  if (fieldwork)
    lines.push(
      `Fieldwork started ${fieldworkMonth(fieldwork)}. Framework: ${framework.title} (\`${framework.id}\`).`,
      '',
    );
  lines.push(`| | Rating |`, '|---|---|');
  lines.push(
    `| **Overall** (score ${rating.score ?? '–'}/${rating.maxScore}) | **${rating.overall ?? 'not yet rated'}** |`,
  );
  for (const standard of rating.standards)
    lines.push(
      `| ${standard.id} ${standard.title}${standard.inOverallScore ? '' : ' (rated separately)'} | ${standard.rating ?? 'not yet rated'} |`,
    );
  lines.push('');
  for (const domain of framework.domains) {
    lines.push(`## ${domain.id}. ${domain.title}`, '');
    if (domain.footnote) lines.push(`_${domain.footnote}_`, '');
    for (const standard of rating.standards.filter((s) => s.domain === domain.id))
      lines.push(...standardSection(framework, standard));
  }
  return lines.join('\n');
}
