import type { ChartConfiguration } from 'chart.js';
import type { PointFinding, RunAnalysis } from '../../analysis/run-analysis/types.js';
import type { StoredRun } from '../../store/types.js';
import { drawChart, gridImage, logTickLabel, type ChartSize } from '../charts/canvas-chart.js';
import { axisTitle, type LineDataset } from '../charts/line-chart.js';
import { levelMeans, seriesCellChart } from '../charts/series-cell-chart.js';
import { compareSeries } from '../charts/series-data.js';
import type { ChartImage } from '../types.js';

/**
 * Side-by-side charts: one small chart per series (API, size, sleep) measured by any of the runs, one line per
 * run, in a grid; one grid each for throughput, p99 and gateway CPU against load.
 */

export interface ComparedRun {
  label: string;
  run: StoredRun;
  analysis: RunAnalysis;
}

const CELL: ChartSize = { widthPx: 420, heightPx: 270 };
const COLUMNS = 3;
/** One distinct hue per run, in argument order. */
const RUN_COLOURS = ['hsl(212, 75%, 40%)', 'hsl(24, 85%, 45%)', 'hsl(140, 55%, 32%)', 'hsl(280, 50%, 45%)', 'hsl(0, 65%, 45%)', 'hsl(180, 60%, 30%)'];
const RUN_DASHES = [[], [7, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];

export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length]!;
}

export interface SeriesId {
  seriesKey: string;
  api: PointFinding['api'];
  messageSizeBytes: number;
  backendSleepMs: number;
  model: 'closed' | 'open';
}

/** Every series any run measured, in report order. */
export function unionSeries(runs: readonly ComparedRun[]): SeriesId[] {
  const seen = new Map<string, SeriesId>();
  for (const { analysis } of runs) {
    for (const series of analysis.series) {
      seen.set(series.seriesKey, { seriesKey: series.seriesKey, api: series.api, messageSizeBytes: series.messageSizeBytes, backendSleepMs: series.backendSleepMs, model: series.model });
    }
  }
  return [...seen.values()].sort(compareSeries);
}

type Metric = 'throughput' | 'p99' | 'gatewayCpu';

function metricOf(finding: PointFinding, metric: Metric): number | null {
  if (metric === 'throughput') return finding.throughputRps;
  if (metric === 'p99') return finding.p99LatencyMs;
  return finding.utilisation.gateway?.cpuPercent ?? null;
}

/** Mean over repetitions per load level; levels with no figure are skipped. */
export function levelsOf(findings: readonly PointFinding[], metric: Metric): Array<{ x: number; y: number }> {
  return levelMeans(findings, (finding) => metricOf(finding, metric));
}

function cell(series: SeriesId, runs: readonly ComparedRun[], metric: Metric): ChartConfiguration {
  const datasets: LineDataset[] = [];
  const missing: string[] = [];
  runs.forEach((compared, index) => {
    const data = levelsOf(compared.analysis.points.filter((finding) => finding.seriesKey === series.seriesKey), metric);
    if (data.length === 0) {
      missing.push(`run ${index + 1}`);
      return;
    }
    const colour = runColour(index);
    datasets.push({ label: `${index + 1}: ${compared.label}`, data, borderColor: colour, backgroundColor: colour, borderDash: RUN_DASHES[index % RUN_DASHES.length]!, borderWidth: 2, pointRadius: 3 });
  });
  const yTitle = metric === 'throughput' ? 'req/s' : metric === 'p99' ? 'p99 (ms, log)' : 'gateway CPU % (100 = one core)';
  const unknown = missing.length === 0 ? '' : ` (${missing.join(', ')}: ${metric === 'gatewayCpu' ? 'unknown' : 'not measured'})`;
  const y =
    metric === 'p99'
      ? { type: 'logarithmic', title: axisTitle(yTitle, 10), ticks: { font: { size: 10 }, callback: logTickLabel } }
      : { type: 'linear', beginAtZero: true, title: axisTitle(yTitle, 10), ticks: { font: { size: 10 } } };
  return seriesCellChart(series, datasets, y, unknown);
}

const TITLES: Record<Metric, [string, string]> = {
  throughput: ['Throughput against load, run by run', 'Requests per second at each load level (mean of repetitions), one line per run, one chart per series.'],
  p99: ['p99 latency against load, run by run', 'p99 latency at each load level (mean of repetitions, log scale), one line per run, one chart per series.'],
  gatewayCpu: [
    'Gateway CPU against load, run by run',
    "The gateway's CPU over each measured window (100 = one core, summed over its processes); a run whose gateway CPU is unknown is named in the chart's title.",
  ],
};

export function comparisonCharts(runs: readonly ComparedRun[]): ChartImage[] {
  const series = unionSeries(runs);
  if (series.length === 0) return [];
  return (['throughput', 'p99', 'gatewayCpu'] as const).map((metric) => {
    const cells = series.map((s) => drawChart(cell(s, runs, metric), CELL));
    const [title, description] = TITLES[metric];
    return gridImage(`compare-${metric}`, title, description, cells, COLUMNS, CELL);
  });
}
