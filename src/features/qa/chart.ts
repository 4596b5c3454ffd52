import type { Framework } from '../../domain/framework/model.js';
import type { Trend } from '../../domain/qa/index.js';

/**
 * The geometry of a trend chart: the view draws it as SVG, so the page needs no JavaScript. The points, the
 * intervals and the line are one path each, and the axis is labelled once per year: at 32 rounds and 8
 * standards a circle, a line and a label per round were 100 KB of the page. The table under each chart holds
 * every round's figure; the chart's own description says what it shows and where the figures are.
 */
export interface TrendChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  boundaries: { y: number; percent: number; label: string }[];
  /** One label per year, under its first round. */
  ticks: { x: number; label: string }[];
  /** Each round's 'Yes' share, as zero-length segments drawn with round caps. */
  dots: string;
  /** Each round's 95% interval, as vertical segments. */
  intervals: string;
  path: string;
  description: string;
}

const width = 640;
const height = 240;
const plot = { left: 48, right: width - 16, top: 16, bottom: height - 40 };

const yOf = (percent: number) => plot.bottom - ((plot.bottom - plot.top) * percent) / 100;
const at = (n: number) => n.toFixed(1).replace(/\.0$/, '');

export function trendChart(framework: Framework, trend: Trend): TrendChart {
  const n = trend.points.length;
  const step = n > 1 ? (plot.right - plot.left) / (n - 1) : 0;
  const points = trend.points.map((p, i) => ({
    x: at(n > 1 ? plot.left + i * step : (plot.left + plot.right) / 2),
    y: at(yOf((100 * p.yes) / p.relevant)),
    yLower: at(yOf(100 * p.lower)),
    yUpper: at(yOf(100 * p.upper)),
    year: p.date.slice(0, 4),
  }));
  const boundaries = framework.keyQuestionBands.bands
    .filter((b) => b.minPercent > 0)
    .map((b) => ({ y: yOf(b.minPercent), percent: b.minPercent, label: `${b.rating} from ${b.minPercent}%` }));
  const first = trend.points[0];
  const last = trend.points.at(-1);
  const description =
    first && last
      ? `${n} ${n === 1 ? 'round' : 'rounds'}, ${first.label} to ${last.label}: ${first.percent}% 'Yes' in the first, ` +
        `${last.percent}% (${last.rating}) in the latest, each with its 95% interval; band boundaries at ` +
        `${boundaries.map((b) => `${b.percent}%`).join(', ')}. Every round's figure is in the table below.`
      : 'No round has a figure yet.';
  return {
    width,
    height,
    plot,
    boundaries,
    ticks: points
      .filter((p, i) => i === 0 || p.year !== points[i - 1]!.year)
      .map((p) => ({ x: Number(p.x), label: p.year })),
    dots: points.map((p) => `M${p.x},${p.y}h0`).join(''),
    intervals: points.map((p) => `M${p.x},${p.yLower}V${p.yUpper}`).join(''),
    path: points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(''),
    description,
  };
}
