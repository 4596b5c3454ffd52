/** Small HTML helpers for the report builders: every text goes through `esc`. */

export const esc = (value: string | number | null | undefined): string =>
  String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * Prose as the inspectors typed it: blank lines separate paragraphs, and lines starting "- " or "* " make a
 * bulleted list, as the reports write strengths and areas for improvement.
 */
export function proseHtml(text: string, empty = ''): string {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  if (blocks.length === 0) return empty ? `<p class="govuk-body app-report-empty">${esc(empty)}</p>` : '';
  return blocks
    .map((block) => {
      const lines = block.split('\n').map((l) => l.trim());
      if (lines.every((l) => /^[-*•] /.test(l)))
        return `<ul class="govuk-list govuk-list--bullet">${lines.map((l) => `<li>${esc(l.slice(2))}</li>`).join('')}</ul>`;
      return `<p class="govuk-body">${lines.map(esc).join('<br>')}</p>`;
    })
    .join('\n');
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2023-01-16" as "16 January 2023". */
export const longDate = (isoDate: string | null): string =>
  isoDate ? dateFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)) : '';

export const number = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : value.toLocaleString('en-GB');
