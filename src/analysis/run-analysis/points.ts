/** Per-point findings and the points every fit must leave out (saturated generator, errors, no requests). */
import type { StoredPoint, StoredRun } from '../../store/types.js';
import type { AnalysisSettings, ExcludedPoint, PointFinding } from './types.js';
import { classifyLimiting, seriesBaseTimeMs } from './limiting.js';
import { pointInterval } from '../point-intervals.js';
import { groupBy } from '../stats.js';
import { pointUtilisation } from './utilisation.js';

function excludedReasons(stored: StoredPoint, maxErrorPct: number): ExcludedPoint | null {
  const { result } = stored;
  const kinds: ExcludedPoint['kinds'] = [];
  const reasons: string[] = [];
  if (result.generator.saturated) {
    kinds.push('generator-saturated');
    const why = result.generator.saturationReasons.join('; ');
    reasons.push(`load generator saturated${why ? `: ${why}` : ''}`);
  }
  if (result.requests === 0) {
    kinds.push('no-requests');
    reasons.push('no request completed in the measured window');
  } else if (result.errorPct > maxErrorPct) {
    kinds.push('error-rate');
    reasons.push(`error rate ${result.errorPct.toFixed(2)} % > ${maxErrorPct} %: its throughput would count fast failures`);
  }
  if (kinds.length === 0) return null;
  return { pointId: stored.point.pointId, seriesKey: stored.point.seriesKey, kinds, reasons };
}

export function pointFindings(
  run: StoredRun,
  settings: AnalysisSettings,
): { points: PointFinding[]; excluded: ExcludedPoint[] } {
  const thinkTimeMs = run.manifest.scenario.timing.thinkTimeMs;
  const externalTarget = run.manifest.scenario.target.kind === 'external';
  const excluded: ExcludedPoint[] = [];
  const points: PointFinding[] = [];
  for (const [, series] of groupBy(run.points, (stored) => stored.point.seriesKey)) {
    const exclusions = new Map(series.map((stored) => [stored.point.pointId, excludedReasons(stored, settings.maxErrorPct)]));
    const baseTimeMs = seriesBaseTimeMs(series.filter((stored) => exclusions.get(stored.point.pointId) === null));
    for (const stored of series) {
      const { point, result } = stored;
      const exclusion = exclusions.get(point.pointId) ?? null;
      if (exclusion) excluded.push(exclusion);
      const interval = pointInterval(result);
      points.push({
        seriesKey: point.seriesKey,
        api: point.api,
        messageSizeBytes: point.messageSizeBytes,
        backendSleepMs: point.backendSleepMs,
        model: point.model,
        pointId: point.pointId,
        repetition: point.repetition,
        ...(point.concurrency === undefined ? {} : { concurrency: point.concurrency }),
        ...(point.rateRps === undefined ? {} : { rateRps: point.rateRps }),
        throughputRps: result.throughputRps,
        errorPct: result.errorPct,
        meanLatencyMs: result.latencyMs.mean,
        p90LatencyMs: result.latencyMs.p90,
        p99LatencyMs: result.latencyMs.p99,
        throughputInterval: interval.throughput,
        p99Interval: interval.p99,
        limiting: classifyLimiting(stored, baseTimeMs, thinkTimeMs, settings.backendBoundFraction),
        littlesLaw: { ...result.littlesLaw },
        excluded: exclusion !== null,
        utilisation: pointUtilisation(stored, externalTarget),
      });
    }
  }
  const order = new Map(run.points.map((stored) => [stored.point.pointId, stored.point.index]));
  points.sort((a, b) => (order.get(a.pointId) ?? 0) - (order.get(b.pointId) ?? 0));
  return { points, excluded };
}
