import { distinctSorted } from '../../analysis/stats.js';
import { decodeHistogram, percentileMs, type Histogram } from '../../metrics/histogram.js';
import { formatSize } from '../../scenario/units.js';
import type { ChartImage } from '../types.js';
import { drawChart, gridImage, logTickLabel, type ChartSize } from './canvas-chart.js';
import { axisTitle, lineChart, type LineDataset, type XY } from './line-chart.js';
import { SLO_COLOUR, seriesColour } from './palette.js';
import { byLoadLevel, loadLevelText, measuredSeries, slug, type ChartInput } from './series-data.js';
import { sizeNoun } from '../../scenario/request-method.js';

/**
 * Latency percentile distributions read from the stored HDR histograms, drawn the way HdrHistogram's
 * plotter draws them: x = 1 / (1 - percentile) on a log axis, so 90 %, 99 %, 99.9 % are evenly spaced
 * and the tail is not squashed. One PNG per API and backend sleep; one small chart per message size;
 * one line per load level (darker = lighter load).
 */

const CELL: ChartSize = { widthPx: 520, heightPx: 340 };
const COLUMNS = 2;

/** Percentiles at 4 steps per halving of the remaining tail (like HDR's iteration), up to the data's depth. */
function percentileCurve(histogram: Histogram): XY[] {
  const total = histogram.totalCount;
  if (total === 0) return [];
  const curve: XY[] = [];
  for (let step = 0; ; step++) {
    const tail = Math.pow(2, -step / 4);
    const x = 1 / tail;
    // Past 1/(count) the percentile is the maximum: stop there, a deeper x would be invented precision.
    if (x > total) break;
    curve.push({ x, y: percentileMs(histogram, 100 * (1 - tail)) });
  }
  curve.push({ x: total, y: histogram.maxValue / 1000 });
  return curve;
}

const PERCENTILE_TICKS = [1, 2, 10, 100, 1000, 10_000, 100_000, 1_000_000];

function percentileLabel(x: number): string {
  const percentile = 100 * (1 - 1 / x);
  return `${Number(percentile.toPrecision(6))}%`;
}

export function distributionCharts(input: ChartInput): ChartImage[] {
  const all = measuredSeries(input);
  const sloP99Ms = input.analysis.settings.sloP99Ms;
  const images: ChartImage[] = [];
  for (const api of ['echo', 'mediation'] as const) {
    for (const sleepMs of distinctSorted(all.map((s) => s.backendSleepMs))) {
      const group = all.filter((s) => s.api === api && s.backendSleepMs === sleepMs);
      if (group.length === 0) continue;
      const cells = group.map((series) => {
        const ordered = byLoadLevel(series.points);
        const datasets: LineDataset[] = ordered.map((stored, rank) => {
          const colour = seriesColour(api, rank, ordered.length);
          const level = loadLevelText(stored);
          return {
            label: series.levels.some((l) => l.repetitions > 1) ? `${level} r${stored.point.repetition}` : level,
            data: percentileCurve(decodeHistogram(stored.result.histograms.latencyUs)),
            borderColor: colour,
            backgroundColor: colour,
            borderWidth: 1.8,
            pointRadius: 0,
          };
        });
        const maxX = Math.max(10, ...datasets.flatMap((d) => d.data.map((p) => p.x)));
        if (sloP99Ms !== null) {
          datasets.push({ label: `SLO p99 ${sloP99Ms} ms`, data: [{ x: 100, y: sloP99Ms }], showLine: false, pointStyle: 'crossRot', pointRadius: 8, borderWidth: 2.5, borderColor: SLO_COLOUR, backgroundColor: SLO_COLOUR });
        }
        const config = lineChart({
          datasets,
          title: `${formatSize(series.messageSizeBytes)} messages`,
          titleSizePx: 13,
          legend: { position: 'right', labels: { usePointStyle: false, boxWidth: 14, boxHeight: 2, font: { size: 10 } } },
          scales: {
            x: {
              type: 'logarithmic',
              min: 1,
              max: maxX,
              title: axisTitle('Percentile', 11),
              afterBuildTicks: (axis: { ticks: Array<{ value: number }> }) => {
                axis.ticks = PERCENTILE_TICKS.filter((value) => value <= maxX).map((value) => ({ value }));
              },
              ticks: { callback: (value: number | string) => percentileLabel(Number(value)), font: { size: 10 } },
            },
            y: { type: 'logarithmic', title: axisTitle('Latency (ms, log scale)', 11), ticks: { callback: logTickLabel, font: { size: 10 } } },
          },
        });
        return drawChart(config, CELL);
      });
      const title = `Latency by percentile (HDR histograms): ${api}, backend sleep ${sleepMs} ms`;
      images.push(
        gridImage(
          `distribution-${slug(`${api}-${sleepMs}ms`)}`,
          title,
          `Latency at each percentile from each point's full HDR histogram, ${api} API with a ${sleepMs} ms backend sleep; one panel per ${sizeNoun(input.run.manifest.scenario)}, one line per load level.`,
          cells,
          COLUMNS,
          CELL,
        ),
      );
    }
  }
  return images;
}
