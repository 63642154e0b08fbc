import type { RunAnalysis } from '../../analysis/run-analysis/types.js';
import type { Api } from '../../scenario/types.js';
import { distinctSorted, groupBy, mean } from '../../analysis/stats.js';
import type { StoredPoint, StoredRun } from '../../store/types.js';

/** What every chart builder receives: the stored run (measured truth) and its analysis (fits, exclusions). */
export interface ChartInput {
  run: StoredRun;
  analysis: RunAnalysis;
}

/** Measured values at one load level of one series, averaged over repetitions. */
export interface LevelMeasurement {
  level: number;
  throughputRps: number;
  p50Ms: number;
  p99Ms: number;
  errorPct: number;
  repetitions: number;
  /** Every repetition at this level was left out of the fits. */
  excluded: boolean;
}

export interface MeasuredSeries {
  seriesKey: string;
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  model: 'closed' | 'open';
  levels: LevelMeasurement[];
  points: StoredPoint[];
}

/** Concurrency for the closed model, offered rate for the open one. */
export function loadLevel(point: StoredPoint): number {
  return point.point.concurrency ?? point.point.rateRps ?? 0;
}

/** `100 users` or `500 req/s`: a point's load level in a legend or a panel title. */
export function loadLevelText(point: StoredPoint): string {
  return point.point.concurrency !== undefined ? `${point.point.concurrency} users` : `${point.point.rateRps} req/s`;
}

/** A series' points by load level, then repetition: the order of the per-point panels and lines. */
export function byLoadLevel(points: readonly StoredPoint[]): StoredPoint[] {
  return [...points].sort((a, b) => loadLevel(a) - loadLevel(b) || a.point.repetition - b.point.repetition);
}

export function loadAxisTitle(model: 'closed' | 'open'): string {
  return model === 'closed' ? 'Concurrency (users)' : 'Offered rate (req/s)';
}

export function measuredSeries(input: ChartInput): MeasuredSeries[] {
  const excluded = new Set(input.analysis.excluded.map((item) => item.pointId));
  const series: MeasuredSeries[] = [];
  for (const [seriesKey, points] of groupBy(input.run.points, (stored) => stored.point.seriesKey)) {
    const first = points[0].point;
    const levels = [...groupBy(points, loadLevel).entries()]
      .sort(([a], [b]) => a - b)
      .map(([level, at]) => ({
        level,
        throughputRps: mean(at.map((p) => p.result.throughputRps)),
        p50Ms: mean(at.map((p) => p.result.latencyMs.p50)),
        p99Ms: mean(at.map((p) => p.result.latencyMs.p99)),
        errorPct: mean(at.map((p) => p.result.errorPct)),
        repetitions: at.length,
        excluded: at.every((p) => excluded.has(p.point.pointId)),
      }));
    series.push({ seriesKey, api: first.api, messageSizeBytes: first.messageSizeBytes, backendSleepMs: first.backendSleepMs, model: first.model, levels, points });
  }
  return series.sort(compareSeries);
}

/** The distinct series of a run (API, size, sleep), in report order. */
export function seriesOf(run: StoredRun): Array<{ api: Api; messageSizeBytes: number; backendSleepMs: number }> {
  const seen = new Map<string, { api: Api; messageSizeBytes: number; backendSleepMs: number }>();
  for (const { point } of run.points) seen.set(point.seriesKey, { api: point.api, messageSizeBytes: point.messageSizeBytes, backendSleepMs: point.backendSleepMs });
  return [...seen.values()].sort(compareSeries);
}

/** echo before mediation, then by size, then by sleep: the order of every legend and table. */
export function compareSeries(
  a: { api: Api; messageSizeBytes: number; backendSleepMs: number },
  b: { api: Api; messageSizeBytes: number; backendSleepMs: number },
): number {
  if (a.api !== b.api) return a.api === 'echo' ? -1 : 1;
  if (a.messageSizeBytes !== b.messageSizeBytes) return a.messageSizeBytes - b.messageSizeBytes;
  return a.backendSleepMs - b.backendSleepMs;
}

/** Highest measured throughput of a series and where it was reached. */
export function peakOf(series: MeasuredSeries): LevelMeasurement {
  return series.levels.reduce((best, level) => (level.throughputRps > best.throughputRps ? level : best), series.levels[0]);
}

/** File-name-safe slug: `echo-1KiB-30ms` stays as is, anything odd becomes `-`. */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}
