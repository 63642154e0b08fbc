import type { ChartImage } from '../types.js';
import { latencyConcurrencyCharts, throughputConcurrencyCharts } from './concurrency-charts.js';
import { mediationCostChart, throughputSizeChart, throughputSleepChart } from './dimension-charts.js';
import { distributionCharts } from './distribution-charts.js';
import type { ChartInput } from './series-data.js';
import { timelineCharts } from './timeline-charts.js';
import { utilisationCharts } from './utilisation-charts.js';

export type { ChartInput } from './series-data.js';
export { chartFontFamily } from './canvas-chart.js';

/** Every chart of a report, in reading order. Charts a run cannot support (one size only ...) are left out. */
export function renderCharts(input: ChartInput): ChartImage[] {
  if (input.run.points.length === 0) return [];
  const optional = [throughputSizeChart(input), throughputSleepChart(input), mediationCostChart(input)].filter(
    (chart): chart is ChartImage => chart !== null,
  );
  return [
    ...throughputConcurrencyCharts(input),
    ...latencyConcurrencyCharts(input),
    ...optional,
    ...utilisationCharts(input),
    ...timelineCharts(input),
    ...distributionCharts(input),
  ];
}
