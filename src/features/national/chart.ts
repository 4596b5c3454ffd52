/** A histogram of the published overall scores, as geometry for an SVG the view draws (no JavaScript). */
export function nationalChart(distribution: readonly { score: number; count: number }[], highlight: number | null) {
  const width = 640;
  const height = 220;
  const plot = { left: 36, right: width - 12, top: 12, bottom: height - 36 };
  const most = Math.max(1, ...distribution.map((d) => d.count));
  const step = (plot.right - plot.left) / distribution.length;
  const bars = distribution.map((d, i) => {
    const barHeight = ((plot.bottom - plot.top) * d.count) / most;
    return {
      score: d.score,
      count: d.count,
      x: plot.left + i * step + 1,
      y: plot.bottom - barHeight,
      width: step - 2,
      height: barHeight,
      highlighted: d.score === highlight,
      labelled: d.score % 6 === 0,
      labelX: plot.left + i * step + step / 2,
    };
  });
  const description = distribution
    .filter((d) => d.count > 0)
    .map((d) => `${d.score}: ${d.count}`)
    .join(', ');
  return { width, height, plot, bars, most, description: `Inspections by overall score out of 36: ${description}.` };
}
