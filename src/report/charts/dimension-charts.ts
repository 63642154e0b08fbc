import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { distinctSorted } from '../../analysis/stats.js';
import type { Api } from '../../scenario/types.js';
import { formatSize } from '../../scenario/units.js';
import type { ChartImage } from '../types.js';
import { chartImage } from './canvas-chart.js';
import { axisTitle, lineChart, type LineDataset } from './line-chart.js';
import { neutralColour, rankOf, seriesColour } from './palette.js';
import { measuredSeries, peakOf, type ChartInput, type MeasuredSeries } from './series-data.js';
import { sizeNoun } from '../../scenario/request-method.js';

/**
 * Peak throughput against message size and against backend sleep, and the cost of mediation per size.
 * "Peak" is the highest measured throughput of a series over its load levels (not a fitted value), so
 * every marker on these charts is a number that was measured.
 */

function peakLine(label: string, series: MeasuredSeries[], x: (s: MeasuredSeries) => number, colour: string): LineDataset {
  return {
    label,
    data: series.map((s) => ({ x: x(s), y: peakOf(s).throughputRps })).sort((a, b) => a.x - b.x),
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2.5,
    pointRadius: 5,
  };
}

type Dimension = 'messageSizeBytes' | 'backendSleepMs';

/** One peak line per API and value of `per` (shaded by that value's rank), plotted along `along`. */
function peakLines(all: MeasuredSeries[], along: Dimension, per: Dimension, label: (api: Api, value: number) => string): LineDataset[] {
  const values = all.map((s) => s[per]);
  const datasets: LineDataset[] = [];
  for (const api of ['echo', 'mediation'] as const) {
    for (const value of distinctSorted(values)) {
      const group = all.filter((s) => s.api === api && s[per] === value);
      if (group.length === 0) continue;
      datasets.push(peakLine(label(api, value), group, (s) => s[along], seriesColour(api, rankOf(value, values), distinctSorted(values).length)));
    }
  }
  return datasets;
}

export function throughputSizeChart(input: ChartInput): ChartImage | null {
  const all = measuredSeries(input);
  const sizes = distinctSorted(all.map((s) => s.messageSizeBytes));
  if (sizes.length < 2) return null;
  const datasets = peakLines(all, 'messageSizeBytes', 'backendSleepMs', (api, sleepMs) => `${api}, sleep ${sleepMs} ms`);
  const size = sizeNoun(input.run.manifest.scenario);
  const config = lineChart({
    datasets,
    title: `Peak throughput against ${size}`,
    subtitle: 'Highest measured throughput of each series over its load levels. Logarithmic size axis.',
    scales: {
      x: {
        type: 'logarithmic',
        // A little room either side so the end markers are not cut, and ticks only at the measured sizes.
        min: sizes[0] / 1.3,
        max: sizes[sizes.length - 1] * 1.3,
        title: axisTitle(`${sizeNoun(input.run.manifest.scenario, true)} (bytes, log scale)`),
        afterBuildTicks: (axis: { ticks: Array<{ value: number }> }) => {
          axis.ticks = sizes.map((value) => ({ value }));
        },
        ticks: { callback: (value: number | string) => formatSize(Number(value)) },
      },
      y: { type: 'linear', title: axisTitle('Peak throughput (req/s)'), beginAtZero: true },
    },
  });
  return chartImage('throughput-size', `Peak throughput against ${size}`,
    `Highest measured throughput of each API and backend sleep at every ${size}.`, config);
}

export function throughputSleepChart(input: ChartInput): ChartImage | null {
  const all = measuredSeries(input);
  const sleeps = distinctSorted(all.map((s) => s.backendSleepMs));
  if (sleeps.length < 2) return null;
  const datasets = peakLines(all, 'backendSleepMs', 'messageSizeBytes', (api, size) => `${api} ${formatSize(size)}`);
  const config = lineChart({
    datasets,
    title: 'Peak throughput against backend sleep',
    subtitle: 'Highest measured throughput of each series over its load levels. With a closed model, users ÷ response time caps throughput.',
    scales: {
      x: { type: 'linear', title: axisTitle('Backend sleep (ms)'), beginAtZero: true },
      y: { type: 'linear', title: axisTitle('Peak throughput (req/s)'), beginAtZero: true },
    },
  });
  return chartImage('throughput-sleep', 'Peak throughput against backend sleep',
    `Highest measured throughput of each API and ${sizeNoun(input.run.manifest.scenario)} at every backend sleep.`, config);
}

export function mediationCostChart(input: ChartInput): ChartImage | null {
  const bySize = input.analysis.mediation.bySize;
  if (bySize.length === 0) return null;
  const size = sizeNoun(input.run.manifest.scenario);
  const sizes = distinctSorted(bySize.map((entry) => entry.messageSizeBytes));
  const sleeps = distinctSorted(bySize.map((entry) => entry.backendSleepMs));
  const datasets: Array<ChartDataset<'bar', number[]>> = sleeps.map((sleepMs, rank) => ({
    label: `sleep ${sleepMs} ms`,
    data: sizes.map((size) => {
      const entry = bySize.find((item) => item.messageSizeBytes === size && item.backendSleepMs === sleepMs);
      return entry === undefined ? Number.NaN : entry.meanRatio * 100;
    }),
    backgroundColor: neutralColour(rank, sleeps.length),
  }));
  const config: ChartConfiguration<'bar', number[]> = {
    type: 'bar',
    data: { labels: sizes.map((size) => formatSize(size)), datasets },
    options: {
      plugins: {
        title: { display: true, text: 'Cost of mediation: mediation throughput as % of echo', font: { size: 17 } },
        subtitle: { display: true, text: 'Mean over load levels of mediation ÷ echo throughput at the same size, sleep and users; 100 % = free.' },
        legend: { position: 'bottom' },
      },
      scales: {
        x: { title: { display: true, text: sizeNoun(input.run.manifest.scenario, true) } },
        y: { title: { display: true, text: 'Mediation throughput (% of echo)' }, beginAtZero: true, suggestedMax: 100 },
      },
    },
  };
  return chartImage('mediation-cost', `Cost of mediation per ${size}`,
    `Mediation throughput as a percentage of echo throughput at the same ${size}, backend sleep and load level.`, config as unknown as ChartConfiguration);
}
