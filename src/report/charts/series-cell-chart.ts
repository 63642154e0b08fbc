import type { ChartConfiguration } from 'chart.js';
import type { PointFinding } from '../../analysis/run-analysis/types.js';
import { groupBy, mean } from '../../analysis/stats.js';
import { formatSize } from '../../scenario/units.js';
import { axisTitle, lineChart, type LineDataset, type Scale, type XY } from './line-chart.js';
import { loadAxisTitle } from './series-data.js';

/** Per load level (users, or offered rate), the mean over repetitions of a figure; levels with no figure are left out. */
export function levelMeans(findings: readonly PointFinding[], valueOf: (finding: PointFinding) => number | null): XY[] {
  return [...groupBy(findings, (finding) => finding.concurrency ?? finding.rateRps ?? 0)]
    .sort(([a], [b]) => a - b)
    .map(([x, at]) => {
      const values = at.map(valueOf).filter((value): value is number => value !== null);
      return values.length === 0 ? null : { x, y: mean(values) };
    })
    .filter((point): point is XY => point !== null);
}

/**
 * One series' small chart in a grid: API, size and sleep as its title (plus what is missing), the load level on x,
 * the caller's y axis. The utilisation and side-by-side grids both draw these.
 */
export function seriesCellChart(
  series: { api: string; messageSizeBytes: number; backendSleepMs: number; model: 'closed' | 'open' },
  datasets: LineDataset[],
  y: Scale,
  titleSuffix: string,
): ChartConfiguration {
  return lineChart({
    datasets,
    title: `${series.api} ${formatSize(series.messageSizeBytes)}, sleep ${series.backendSleepMs} ms${titleSuffix}`,
    titleSizePx: 12,
    fontSizePx: 11,
    legend: { position: 'bottom', labels: { font: { size: 10 } } },
    scales: {
      x: { type: 'linear', beginAtZero: true, title: axisTitle(loadAxisTitle(series.model), 10), ticks: { font: { size: 10 } } },
      y,
    },
  });
}
