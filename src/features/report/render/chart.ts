import type { KeyQuestionRow } from '../../../domain/report/model.js';
import { t } from '../../../platform/i18n/index.js';

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
/** Room a value label needs beside its bar ("100%" at 13px); past the edge it goes inside the bar. */
const valueLabelWidth = 40;
const scale = (percent: number) => left + ((width - left - right) * percent) / 100;
// Light fills per band, worst to best; patterns are not needed: each bar's figure is printed beside it.
const bandFills = ['#f4d7d2', '#fcefcc', '#d2e8d9', '#bfe3d9'];
const at = (n: number) => n.toFixed(1);

/**
 * The geometry of a standard's key-question chart for `chart.njk`. The text alternative (title and description)
 * states every figure and band, and the table beside it gives them too.
 */
export function keyQuestionChart(
  standard: { id: string; title: string; keyQuestions: readonly KeyQuestionRow[] },
  bands: readonly ChartBand[],
) {
  const plotted = standard.keyQuestions.filter((r) => r.percent !== null);
  if (plotted.length === 0) return null;
  const height = top + plotted.length * (barHeight + gap) + 24;
  const slug = standard.id.replace(/\W/g, '-');
  // In the language being written: the framework's words from its data, the chart's own from the catalogue.
  const description =
    plotted
      .map(
        (r) =>
          `${r.id}: ${r.percent}% ${t("'Yes'")}${r.band ? `, ${t(r.band)} (${t(r.rating ?? '')})` : ''}${r.limiting ? t(', the lowest, which sets the rating') : ''}`,
      )
      .join('; ') +
    t('. Bands: {{bands}}.', {
      bands: bands.map((b) => `${b.from}–${b.to}% ${t(b.label)} (${t(b.rating)})`).join(', '),
    });
  return {
    width,
    height,
    titleId: `chart-${slug}-title`,
    descId: `chart-${slug}-desc`,
    title: t("{{standard}}: key questions, % 'Yes' against the rating bands", {
      standard: `${standard.id} ${t(standard.title)}`,
    }),
    description,
    bands: bands.map((b, i) => {
      const x = scale(b.from);
      const w = scale(Math.min(100, b.to + 1)) - x;
      return {
        x: at(x),
        y: top - 6,
        width: at(w),
        height: height - top - 18,
        fill: bandFills[i % bandFills.length],
        label: t(b.label),
        labelX: at(x + w / 2),
        labelY: top - 12,
      };
    }),
    ticks: [
      { x: at(left), label: '0%', anchor: 'middle', line: false, y1: 0, y2: 0, labelY: height - 8 },
      ...bands
        .filter((b) => b.from > 0)
        .map((b) => ({
          x: at(scale(b.from)),
          label: `${b.from}%`,
          anchor: 'middle',
          line: true,
          y1: top - 6,
          y2: height - 24,
          labelY: height - 8,
        })),
      { x: at(scale(100)), label: '100%', anchor: 'end', line: false, y1: 0, y2: 0, labelY: height - 8 },
    ],
    bars: plotted.map((r, i) => {
      const y = top + i * (barHeight + gap);
      const w = scale(r.percent!) - left;
      const inside = left + w + valueLabelWidth > width;
      return {
        id: r.id,
        limiting: r.limiting,
        idX: left - 8,
        textY: y + barHeight / 2 + 4,
        x: left,
        y,
        width: at(w),
        height: barHeight,
        fill: r.limiting ? '#0b0c0c' : '#1d70b8',
        value: `${r.percent}%`,
        valueX: at(inside ? left + w - 6 : left + w + 4),
        valueAnchor: inside ? 'end' : 'start',
        valueFill: inside ? '#ffffff' : '#0b0c0c',
      };
    }),
  };
}
