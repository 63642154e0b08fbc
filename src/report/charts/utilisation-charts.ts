import type { ChartConfiguration } from 'chart.js';
import type { PointFinding, PointUtilisation } from '../../analysis/run-analysis/types.js';
import { groupBy } from '../../analysis/stats.js';
import type { ChartImage } from '../types.js';
import { drawChart, gridImage, type ChartSize } from './canvas-chart.js';
import { axisTitle, type LineDataset } from './line-chart.js';
import { levelMeans, seriesCellChart } from './series-cell-chart.js';
import { measuredSeries, type ChartInput, type MeasuredSeries } from './series-data.js';

/**
 * What the gateway, the backend and the load generator used at each load level: CPU % (100 = one core) and
 * peak RSS, one small chart per series in a grid, one grid for CPU and one for memory. A component whose CPU
 * is unknown (an external gateway with no telemetry) gets no line, and the chart's title says so.
 */

const CELL: ChartSize = { widthPx: 420, heightPx: 260 };
const COLUMNS = 3;
const COMPONENTS = [
  { key: 'gateway', label: 'gateway', colour: 'hsl(270, 60%, 45%)', dash: [] as number[] },
  { key: 'backend', label: 'backend', colour: 'hsl(150, 55%, 35%)', dash: [6, 3] },
  { key: 'generator', label: 'load generator', colour: 'hsl(0, 0%, 45%)', dash: [2, 3] },
] as const;

type Metric = 'cpu' | 'rss';

function value(usage: PointUtilisation, component: (typeof COMPONENTS)[number]['key'], metric: Metric): number | null {
  const load = usage[component];
  if (load === null) return null;
  return metric === 'cpu' ? load.cpuPercent : load.rssBytes / 1024 ** 2;
}

/** Per load level, the mean over repetitions; a component with no figure at any point of the series has no line. */
function cell(series: MeasuredSeries, findings: readonly PointFinding[], metric: Metric): ChartConfiguration {
  const datasets: LineDataset[] = [];
  const missing: string[] = [];
  for (const component of COMPONENTS) {
    const points = levelMeans(findings, (finding) => value(finding.utilisation, component.key, metric));
    if (points.length === 0) {
      missing.push(component.label);
      continue;
    }
    datasets.push({ label: component.label, data: points, borderColor: component.colour, backgroundColor: component.colour, borderDash: [...component.dash], borderWidth: 2, pointRadius: 3 });
  }
  const unknown = missing.length === 0 ? '' : ` (${missing.join(', ')}: unknown)`;
  const yTitle = metric === 'cpu' ? 'CPU % (100 = one core)' : 'RSS (MiB)';
  return seriesCellChart(series, datasets, { type: 'linear', beginAtZero: true, title: axisTitle(yTitle, 10), ticks: { font: { size: 10 } } }, unknown);
}

export function utilisationCharts(input: ChartInput): ChartImage[] {
  const series = measuredSeries(input);
  if (series.length === 0) return [];
  const findings = groupBy(input.analysis.points, (finding) => finding.seriesKey);
  const grid = (metric: Metric): ChartImage => {
    const cells = series.map((s) => drawChart(cell(s, findings.get(s.seriesKey) ?? [], metric), CELL));
    const cpu = metric === 'cpu';
    const title = cpu ? 'CPU against load: gateway, backend, load generator' : 'Memory (peak RSS) against load: gateway, backend, load generator';
    return gridImage(
      `utilisation-${metric}`,
      title,
      `One small chart per series: ${cpu ? 'CPU % over the measured window (100 = one core), summed over a component\'s processes' : 'peak resident memory over the measured window, summed over a component\'s processes'}, mean of repetitions at each load level. A component with no figure is named "unknown" in its chart's title.`,
      cells,
      COLUMNS,
      CELL,
    );
  };
  return [grid('cpu'), grid('rss')];
}
