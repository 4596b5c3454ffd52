import { monthYear } from '../dates.js';
import type { Framework } from '../framework/model.js';
import type { InspectionRating, StandardResult } from '../rating/types.js';

const superscripts = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const marker = (n: number) =>
  String(n)
    .split('')
    .map((d) => (d === '0' ? '⁰' : superscripts[Number(d) - 1]))
    .join('');

/** "2023-01-16" or "2023-01" as the reports print it: "January 2023". */
export const fieldworkMonth = (fieldwork: string): string => monthYear(fieldwork);

/**
 * The month the ratings box prints: that of the main fieldwork week, the second when fieldwork was split
 * over two (Hackney 2023: weeks of 16 January and 6 February, "Fieldwork started February 2023").
 * The report and the ratings page both print it.
 */
export function ratingsBoxMonth(inspection: {
  fieldworkStart: string | null;
  secondWeekStart: string | null;
}): string | null {
  const mainWeek = inspection.secondWeekStart ?? inspection.fieldworkStart;
  return mainWeek ? fieldworkMonth(mainWeek) : null;
}

interface Footnotes {
  byDomain: Map<string, number>;
  byStandard: Map<string, number>;
  lines: string[];
}

/** Footnotes in reading order: a domain's footnote (resettlement), then discretion notes. */
function footnotesOf(framework: Framework, rating: InspectionRating): Footnotes {
  const notes: Footnotes = { byDomain: new Map(), byStandard: new Map(), lines: [] };
  const add = (text: string) => {
    notes.lines.push(`${marker(notes.lines.length + 1)} ${text}`);
    return notes.lines.length;
  };
  for (const domain of framework.domains) {
    if (domain.footnote) notes.byDomain.set(domain.id, add(domain.footnote));
    for (const standard of rating.standards.filter((s) => s.domain === domain.id))
      if (standard.discretion?.applied) notes.byStandard.set(standard.id, add(standard.discretion.applied.note));
  }
  return notes;
}

function ratingWord(standard: StandardResult): string {
  return standard.rating ?? 'Not yet rated';
}

/** The ratings box as the published reports print it, as plain text. */
export function ratingsBoxText(framework: Framework, rating: InspectionRating, fieldwork?: string): string {
  const notes = footnotesOf(framework, rating);
  const width = Math.max(...rating.standards.map((s) => s.id.length + s.title.length + 2)) + 4;
  const row = (label: string, value: string) => `${label.padEnd(width)}${value}`;
  const lines = ['Ratings', ''];
  if (rating.service) lines.push(rating.service);
  if (fieldwork) lines.push(`Fieldwork started ${fieldworkMonth(fieldwork)}`);
  lines.push(
    rating.score === null
      ? `Score not yet known (out of ${rating.maxScore})`
      : `Score ${rating.score}/${rating.maxScore}`,
  );
  lines.push(row('Overall rating', rating.overall ?? 'Not yet rated'));
  for (const domain of framework.domains) {
    const note = notes.byDomain.get(domain.id);
    lines.push('', `${domain.id}. ${domain.title}${note ? marker(note) : ''}`);
    for (const standard of rating.standards.filter((s) => s.domain === domain.id)) {
      const standardNote = notes.byStandard.get(standard.id);
      lines.push(
        row(`${standard.id} ${standard.title}`, ratingWord(standard) + (standardNote ? marker(standardNote) : '')),
      );
    }
  }
  if (notes.lines.length > 0) lines.push('', ...notes.lines);
  if (rating.missing.length > 0) {
    lines.push('', 'Not yet rated:');
    for (const item of rating.missing)
      lines.push(`- ${item.standard} ${item.title}: ${item.what}${item.blocksOverall ? '' : ' (rated separately)'}`);
  }
  return lines.join('\n') + '\n';
}
