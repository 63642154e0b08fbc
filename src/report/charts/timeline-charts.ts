import type { ChartConfiguration, Plugin } from 'chart.js';
import { axisTitle, lineChart, type XY } from './line-chart.js';
import { distinctSorted } from '../../analysis/stats.js';
import { formatSize } from '../../scenario/units.js';
import type { StoredPoint } from '../../store/types.js';
import type { ChartImage } from '../types.js';
import { drawChart, gridImage, type ChartSize } from './canvas-chart.js';
import { SLO_COLOUR, WARMUP_SHADE, seriesColour } from './palette.js';
import { byLoadLevel, loadLevelText, measuredSeries, slug, type ChartInput } from './series-data.js';

/**
 * Per-second throughput and p99 of every point, warm-up included and shaded, so a stall, a slow warm-up
 * or a drifting point is visible. One PNG per series: a grid with one small chart per point.
 */

const CELL: ChartSize = { widthPx: 420, heightPx: 240 };
const COLUMNS = 3;

/**
 * Each per-second bucket is drawn at the middle of the time it covers (the last bucket of a window may be
 * shorter than a second), warm-up at negative x, so the measured window starts at 0 and the shaded warm-up is
 * exactly as long as it was (0.5 s, not a whole bucket).
 */
function timelineData(stored: StoredPoint): { throughput: XY[]; p99: XY[]; warmupS: number; measuredS: number } {
  const warmupS = stored.result.warmup.durationS;
  const measuredS = stored.result.durationS;
  const middle = (start: number, end: number) => start + (Math.min(start + 1, end) - start) / 2;
  const seconds = [
    ...stored.result.warmup.timeline.map((s) => ({ ...s, x: middle(s.second - warmupS, 0) })),
    ...stored.result.timeline.map((s) => ({ ...s, x: middle(s.second, measuredS) })),
  ];
  return {
    throughput: seconds.map((s) => ({ x: s.x, y: s.throughputRps })),
    p99: seconds.map((s) => ({ x: s.x, y: s.p99Ms })),
    warmupS,
    measuredS,
  };
}

/** Fewer measured per-second samples than this per point: too short for a timeline to show anything. */
export const MIN_TIMELINE_SECONDS = 3;

function warmupShade(warmupS: number): Plugin {
  return {
    id: 'gatebench-warmup-shade',
    beforeDatasetsDraw(chart) {
      if (warmupS === 0) return;
      const x = chart.scales.x;
      const area = chart.chartArea;
      const right = Math.min(area.right, x.getPixelForValue(0));
      const context = chart.ctx;
      context.save();
      context.fillStyle = WARMUP_SHADE;
      context.fillRect(area.left, area.top, right - area.left, area.bottom - area.top);
      context.fillStyle = '#666';
      context.font = `11px ${String(chart.options.font?.family ?? 'sans-serif')}`;
      context.fillText('warm-up', area.left + 4, area.top + 12);
      context.restore();
    },
  };
}

function pointCell(stored: StoredPoint, colour: string): ChartConfiguration {
  const data = timelineData(stored);
  return lineChart({
    datasets: [
      { label: 'req/s', data: data.throughput, borderColor: colour, backgroundColor: colour, borderWidth: 1.8, pointRadius: 2, yAxisID: 'y' },
      { label: 'p99 ms', data: data.p99, borderColor: SLO_COLOUR, backgroundColor: SLO_COLOUR, borderWidth: 1.2, borderDash: [4, 3], pointRadius: 2, yAxisID: 'p99' },
    ],
    title: `${loadLevelText(stored)}, rep ${stored.point.repetition}${stored.result.generator.saturated ? ' (generator saturated)' : ''}`,
    titleSizePx: 12,
    fontSizePx: 11,
    legend: { position: 'bottom', labels: { usePointStyle: false, boxWidth: 14, boxHeight: 2, font: { size: 10 } } },
    scales: {
      x: { type: 'linear', min: -data.warmupS, max: data.measuredS, title: axisTitle('Time (s, 0 = end of warm-up)', 10), ticks: SMALL_TICKS },
      y: { type: 'linear', position: 'left', beginAtZero: true, title: axisTitle('req/s', 10), ticks: SMALL_TICKS },
      p99: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: axisTitle('p99 (ms)', 10), ticks: SMALL_TICKS },
    },
    plugins: [warmupShade(data.warmupS)],
  });
}

const SMALL_TICKS = { font: { size: 10 } };

export function timelineCharts(input: ChartInput): ChartImage[] {
  const all = measuredSeries(input);
  const sizes = distinctSorted(all.map((s) => s.messageSizeBytes));
  return all
    .filter((series) => series.points.some((p) => p.result.timeline.length >= MIN_TIMELINE_SECONDS))
    .map((series) => {
      const colour = seriesColour(series.api, sizes.indexOf(series.messageSizeBytes), sizes.length);
      const cells = byLoadLevel(series.points).map((stored) => drawChart(pointCell(stored, colour), CELL));
      const title = `Per-second throughput and p99: ${series.api}, ${formatSize(series.messageSizeBytes)}, backend sleep ${series.backendSleepMs} ms`;
      return gridImage(
        `timeline-${slug(series.seriesKey)}`,
        title,
        `One small chart per point of series ${series.seriesKey}: requests per second (solid, left axis) and p99 latency (dashed, right axis) each second; the shaded part is the warm-up (as long as it was), left out of every figure; each dot is one second, drawn at its middle.`,
        cells,
        COLUMNS,
        CELL,
      );
    });
}
