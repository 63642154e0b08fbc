import { uslThroughput } from '../../analysis/fit/usl.js';
import type { UslParameters } from '../../analysis/fit/types.js';
import { distinctSorted } from '../../analysis/stats.js';
import { formatSize } from '../../scenario/units.js';
import type { ChartImage } from '../types.js';
import { chartImage, COMPACT_LEGEND_LABELS, logTickLabel } from './canvas-chart.js';
import { axisTitle, lineChart, type LineDataset, type XY } from './line-chart.js';
import { BASELINE_MARKER_COLOUR, SLO_COLOUR, rankOf, seriesColour } from './palette.js';
import { loadAxisTitle, measuredSeries, type ChartInput, type MeasuredSeries } from './series-data.js';
import { sizeNoun } from '../../scenario/request-method.js';

/** Throughput and latency against load level: one chart of each per backend sleep (sleeps do not mix). */

function seriesLabel(series: { api: string; messageSizeBytes: number }): string {
  return `${series.api} ${formatSize(series.messageSizeBytes)}`;
}

function loadWord(model: 'closed' | 'open'): string {
  return model === 'closed' ? 'concurrency' : 'offered rate';
}

/** Groups the run's series by backend sleep, with each series' colour (API hue, size lightness). */
function bySleep(input: ChartInput): Array<{ sleepMs: number; group: Array<{ series: MeasuredSeries; colour: string }> }> {
  const all = measuredSeries(input);
  const sizes = all.map((series) => series.messageSizeBytes);
  return distinctSorted(all.map((series) => series.backendSleepMs)).map((sleepMs) => ({
    sleepMs,
    group: all
      .filter((series) => series.backendSleepMs === sleepMs)
      .map((series) => ({ series, colour: seriesColour(series.api, rankOf(series.messageSizeBytes, sizes), distinctSorted(sizes).length) })),
  }));
}

export function throughputConcurrencyCharts(input: ChartInput): ChartImage[] {
  return bySleep(input).map(({ sleepMs, group }) => {
    const datasets: LineDataset[] = [];
    // Legend: one entry per measured series, one for "USL fit", one per baseline set; repeats are hidden.
    const shown: boolean[] = [];
    const seenLegend = new Set<string>();
    const add = (dataset: LineDataset, legendKey: string): void => {
      datasets.push(dataset);
      shown.push(!seenLegend.has(legendKey));
      seenLegend.add(legendKey);
    };
    for (const { series, colour } of group) {
      add(
        {
          label: seriesLabel(series),
          data: series.levels.map((level) => ({ x: level.level, y: level.throughputRps })),
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: 2.5,
          pointRadius: series.levels.map((level) => (level.excluded ? 7 : 4)),
          pointStyle: series.levels.map((level) => (level.excluded ? 'crossRot' : 'circle')),
        },
        series.seriesKey,
      );
      const fit = input.analysis.series.find((candidate) => candidate.seriesKey === series.seriesKey)?.usl;
      if (fit?.status === 'fitted') {
        const curve = uslCurve(fit.params, fit.measuredRange.minConcurrency, fit.measuredRange.maxConcurrency);
        add({ label: 'USL fit (dashed)', data: curve, borderColor: colour, borderDash: [7, 5], borderWidth: 1.5, pointRadius: 0 }, 'usl');
      }
      for (const comparison of input.analysis.comparisons) {
        const rows = comparison.points.filter((row) => row.api === series.api && row.messageSizeBytes === series.messageSizeBytes && row.backendSleepMs === sleepMs);
        if (rows.length === 0) continue;
        const data = rows.map((row) => ({ x: row.concurrency, y: row.theirsRps })).sort((a, b) => a.x - b.x);
        const label = `${comparison.baselineLabel} (markers)`;
        add({ label, data, showLine: false, borderColor: BASELINE_MARKER_COLOUR, backgroundColor: colour, borderWidth: 1.5, pointStyle: 'rectRot', pointRadius: 7 }, label);
      }
    }
    const model = group[0].series.model;
    const config = lineChart({
      datasets,
      title: `Throughput against ${loadWord(model)}, backend sleep ${sleepMs} ms`,
      subtitle: 'Lines: measured (mean of repetitions); dashed: USL fit; diamonds: published baseline; × : left out of the fit',
      legend: { labels: { ...COMPACT_LEGEND_LABELS, filter: (item: { datasetIndex?: number }) => shown[item.datasetIndex ?? 0] ?? false } },
      scales: {
        x: { type: 'linear', title: axisTitle(loadAxisTitle(model)), beginAtZero: true },
        y: { type: 'linear', title: axisTitle('Throughput (req/s)'), beginAtZero: true },
      },
    });
    return chartImage(
      `throughput-concurrency-${sleepMs}ms`,
      `Throughput against ${loadWord(model)}, sleep ${sleepMs} ms`,
      `Requests per second at each load level for every API and ${sizeNoun(input.run.manifest.scenario)} with a ${sleepMs} ms backend sleep; dashed lines are the USL fits, diamonds the baseline figures at the same size, sleep and users.`,
      config,
    );
  });
}

function uslCurve(params: UslParameters, fromUsers: number, toUsers: number): XY[] {
  const steps = 60;
  return Array.from({ length: steps + 1 }, (_, i) => {
    const users = fromUsers + ((toUsers - fromUsers) * i) / steps;
    return { x: users, y: uslThroughput(params, users) };
  });
}

export function latencyConcurrencyCharts(input: ChartInput): ChartImage[] {
  const sloP99Ms = input.analysis.settings.sloP99Ms;
  return bySleep(input).map(({ sleepMs, group }) => {
    const datasets = group.flatMap(({ series, colour }) => [latencyLine(series, 'p99', colour), latencyLine(series, 'p50', colour)]);
    const levels = group.flatMap(({ series }) => series.levels.map((level) => level.level));
    if (sloP99Ms !== null) {
      datasets.push({
        label: `SLO: p99 ≤ ${sloP99Ms} ms`,
        data: [{ x: Math.min(0, ...levels), y: sloP99Ms }, { x: Math.max(...levels), y: sloP99Ms }],
        borderColor: SLO_COLOUR,
        backgroundColor: SLO_COLOUR,
        borderDash: [10, 4],
        borderWidth: 2,
        pointRadius: 0,
      });
    }
    const model = group[0].series.model;
    const config = lineChart({
      datasets,
      title: `p50 and p99 latency against ${loadWord(model)}, backend sleep ${sleepMs} ms`,
      subtitle: 'Solid: p99; dotted: p50 (mean of repetitions); red dashed: the p99 SLO. Logarithmic latency axis.',
      scales: {
        x: { type: 'linear', title: axisTitle(loadAxisTitle(model)), beginAtZero: true },
        y: { type: 'logarithmic', title: axisTitle('Latency (ms, log scale)'), ticks: { callback: logTickLabel } },
      },
    });
    return chartImage(
      `latency-concurrency-${sleepMs}ms`,
      `p50 and p99 latency, sleep ${sleepMs} ms`,
      `Median and 99th-percentile latency at each load level with a ${sleepMs} ms backend sleep${sloP99Ms === null ? '' : `, against the ${sloP99Ms} ms p99 SLO`}.`,
      config,
    );
  });
}

function latencyLine(series: MeasuredSeries, which: 'p50' | 'p99', colour: string): LineDataset {
  const p99 = which === 'p99';
  return {
    label: `${seriesLabel(series)} ${which}`,
    data: series.levels.map((level) => ({ x: level.level, y: p99 ? level.p99Ms : level.p50Ms })),
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: p99 ? 2.5 : 1.5,
    borderDash: p99 ? [] : [2, 3],
    pointRadius: p99 ? 4 : 2,
    pointStyle: p99 ? 'circle' : 'rect',
  };
}
