import { esc } from './html.js';
import type { KeyQuestionRow } from '../../../domain/report/model.js';

export interface ChartBand {
  from: number;
  to: number;
  label: string;
  rating: string;
}

const width = 640;
const left = 70;
const right = 20;
const barHeight = 26;
const gap = 12;
const top = 34;
const scale = (percent: number) => left + ((width - left - right) * percent) / 100;
// Light fills per band, worst to best; patterns are not needed: each bar's figure is printed beside it.
const bandFills = ['#f4d7d2', '#fcefcc', '#d2e8d9', '#bfe3d9'];

/**
 * Key-question percentages as horizontal bars over the key-question bands, as SVG. The text alternative (the
 * SVG's title and description) states every figure and band, and the table beside it gives them too.
 */
export function keyQuestionChartSvg(
  standard: { id: string; title: string },
  rows: readonly KeyQuestionRow[],
  bands: readonly ChartBand[],
): string {
  const plotted = rows.filter((r) => r.percent !== null);
  if (plotted.length === 0) return '';
  const height = top + plotted.length * (barHeight + gap) + 24;
  const titleId = `chart-${standard.id.replace(/\W/g, '-')}-title`;
  const descId = `chart-${standard.id.replace(/\W/g, '-')}-desc`;
  const description =
    plotted
      .map(
        (r) =>
          `${r.id}: ${r.percent}% 'Yes'${r.band ? `, ${r.band} (${r.rating})` : ''}${r.limiting ? ', the lowest, which sets the rating' : ''}`,
      )
      .join('; ') + `. Bands: ${bands.map((b) => `${b.from}–${b.to}% ${b.label} (${b.rating})`).join(', ')}.`;
  const bandRects = bands
    .map((b, i) => {
      const x = scale(b.from);
      const w = scale(Math.min(100, b.to + 1)) - x;
      return (
        `<rect x="${x.toFixed(1)}" y="${top - 6}" width="${w.toFixed(1)}" height="${height - top - 18}" fill="${bandFills[i % bandFills.length]}"/>` +
        `<text x="${(x + w / 2).toFixed(1)}" y="${top - 12}" text-anchor="middle" font-size="11" fill="#0b0c0c">${esc(b.label)}</text>`
      );
    })
    .join('');
  const boundaries = bands
    .filter((b) => b.from > 0)
    .map((b) => {
      const x = scale(b.from).toFixed(1);
      return (
        `<line x1="${x}" x2="${x}" y1="${top - 6}" y2="${height - 24}" stroke="#505a5f" stroke-dasharray="4 3"/>` +
        `<text x="${x}" y="${height - 8}" text-anchor="middle" font-size="11" fill="#0b0c0c">${b.from}%</text>`
      );
    })
    .join('');
  const bars = plotted
    .map((r, i) => {
      const y = top + i * (barHeight + gap);
      const w = scale(r.percent!) - left;
      return (
        `<text x="${left - 8}" y="${y + barHeight / 2 + 4}" text-anchor="end" font-size="13" fill="#0b0c0c"${r.limiting ? ' font-weight="700"' : ''}>${esc(r.id)}</text>` +
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${r.limiting ? '#0b0c0c' : '#1d70b8'}"/>` +
        `<text x="${(left + w + 4).toFixed(1)}" y="${y + barHeight / 2 + 4}" font-size="13" fill="#0b0c0c"${r.limiting ? ' font-weight="700"' : ''}>${r.percent}%</text>`
      );
    })
    .join('');
  return (
    `<svg class="app-report-chart" xmlns="http://www.w3.org/2000/svg" font-family="arial, sans-serif" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}">` +
    `<title id="${titleId}">${esc(`${standard.id} ${standard.title}: key questions, % 'Yes' against the rating bands`)}</title>` +
    `<desc id="${descId}">${esc(description)}</desc>` +
    `<text x="${left}" y="${height - 8}" text-anchor="middle" font-size="11" fill="#0b0c0c">0%</text>` +
    `<text x="${scale(100)}" y="${height - 8}" text-anchor="end" font-size="11" fill="#0b0c0c">100%</text>` +
    bandRects +
    boundaries +
    bars +
    `</svg>`
  );
}
