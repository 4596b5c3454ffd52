import type { Framework } from '../../domain/framework/model.js';
import type { Trend } from '../../domain/qa/index.js';

/** The geometry of a trend chart: the view draws it as SVG, so the page needs no JavaScript. */
export interface TrendChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  boundaries: { y: number; percent: number; label: string }[];
  points: { x: number; y: number; yLower: number; yUpper: number; label: string; percent: number }[];
  path: string;
  description: string;
}

const width = 640;
const height = 240;
const plot = { left: 48, right: width - 16, top: 16, bottom: height - 40 };

const yOf = (percent: number) => plot.bottom - ((plot.bottom - plot.top) * percent) / 100;
const percentText = (fraction: number) => `${Math.round(fraction * 100)}%`;

export function trendChart(framework: Framework, trend: Trend): TrendChart {
  const n = trend.points.length;
  const step = n > 1 ? (plot.right - plot.left) / (n - 1) : 0;
  const points = trend.points.map((p, i) => ({
    x: n > 1 ? plot.left + i * step : (plot.left + plot.right) / 2,
    y: yOf((100 * p.yes) / p.relevant),
    yLower: yOf(100 * p.lower),
    yUpper: yOf(100 * p.upper),
    label: p.label,
    percent: p.percent,
  }));
  const boundaries = framework.keyQuestionBands.bands
    .filter((b) => b.minPercent > 0)
    .map((b) => ({ y: yOf(b.minPercent), percent: b.minPercent, label: `${b.rating} from ${b.minPercent}%` }));
  const description = trend.points.length
    ? trend.points
        .map(
          (p) =>
            `${p.label}: ${p.percent}% (${p.yes} of ${p.relevant}; 95% interval ${percentText(p.lower)} to ${percentText(p.upper)}), ${p.rating}`,
        )
        .join('. ')
    : 'No round has a figure yet.';
  return {
    width,
    height,
    plot,
    boundaries,
    points,
    path: points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '),
    description,
  };
}
