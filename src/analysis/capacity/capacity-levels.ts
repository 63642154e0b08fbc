/**
 * What one instance delivers at each measured concurrency for one mix entry: straight from the run when the
 * size and sleep were measured, or bridged along message size (inside the measured sizes only).
 */
import { GatebenchError } from '../../errors.js';
import { formatSize } from '../../scenario/units.js';
import type { MixEntry } from './types.js';
import type { PointFinding, SeriesAnalysis, SizeModel } from '../run-analysis/types.js';
import { sizeModelThroughput } from '../fit/size-model.js';
import { distinctSorted, groupBy, interpolate, mean } from '../stats.js';
import { seriesLabel } from '../series-label.js';
import { levelEstimate } from '../point-intervals.js';

export interface CapacityLevel {
  concurrency: number;
  throughputRps: number;
  p99LatencyMs: number;
  lowRps: number;
  highRps: number;
  repetitions: number;
  backendBound: boolean;
}

export interface EntryLevels {
  basis: string;
  /** The measured series used, when the entry was measured as such (not bridged along message size). */
  seriesKey?: string;
  levels: CapacityLevel[];
  warnings: string[];
}

function measuredLevels(findings: readonly PointFinding[], series: SeriesAnalysis | undefined): CapacityLevel[] {
  return [...groupBy(findings, (finding) => finding.concurrency!)]
    .map(([concurrency, group]) => {
      const values = group.map((finding) => finding.throughputRps);
      const band = series?.usl.status === 'fitted' ? series.usl.band.find((entry) => entry.concurrency === concurrency) : undefined;
      // The measured level's own 95 % interval (window samples and repetitions) widens the range too.
      const interval = levelEstimate(group).throughput;
      const measured = Number.isFinite(interval.low) && Number.isFinite(interval.high) ? [interval.low, interval.high] : [];
      return {
        concurrency,
        throughputRps: mean(values),
        p99LatencyMs: mean(group.map((finding) => finding.p99LatencyMs)),
        lowRps: Math.min(...values, ...measured, ...(band ? [band.lowRps] : [])),
        highRps: Math.max(...values, ...measured, ...(band ? [band.highRps] : [])),
        repetitions: group.length,
        backendBound: group.every((finding) => finding.limiting.kind === 'backend-bound'),
      };
    })
    .sort((a, b) => a.concurrency - b.concurrency);
}

export function entryLevels(
  entry: MixEntry,
  included: readonly PointFinding[],
  series: readonly SeriesAnalysis[],
  sizeModels: readonly SizeModel[],
): EntryLevels {
  const closed = included.filter((finding) => finding.concurrency !== undefined && finding.api === entry.api && finding.backendSleepMs === entry.backendSleepMs);
  const exact = closed.filter((finding) => finding.messageSizeBytes === entry.messageSizeBytes);
  const label = seriesLabel(entry);
  if (exact.length > 0) {
    const match = series.find((item) => item.model === 'closed' && item.seriesKey === exact[0]!.seriesKey);
    const fitted = match?.usl.status === 'fitted' ? ', range widened by the USL bootstrap band' : '';
    return { basis: `measured series ${exact[0]!.seriesKey}${fitted}`, seriesKey: exact[0]!.seriesKey, levels: measuredLevels(exact, match), warnings: [] };
  }
  const sizes = distinctSorted(closed.map((finding) => finding.messageSizeBytes));
  const below = sizes.filter((size) => size < entry.messageSizeBytes).pop();
  const above = sizes.find((size) => size > entry.messageSizeBytes);
  if (below === undefined || above === undefined) {
    throw new GatebenchError('GB_INPUT_INVALID', `the run has no ${label} series to plan from, and ${formatSize(entry.messageSizeBytes)} is not between two measured sizes`, {
      hint: `measured for ${entry.api} at ${entry.backendSleepMs} ms: ${sizes.map(formatSize).join(', ') || 'nothing'}; measured series: ${series.map((item) => item.seriesKey).join(', ')}`,
    });
  }
  const lower = measuredLevels(closed.filter((finding) => finding.messageSizeBytes === below), undefined);
  const upper = new Map(measuredLevels(closed.filter((finding) => finding.messageSizeBytes === above), undefined).map((level) => [level.concurrency, level]));
  const levels: CapacityLevel[] = [];
  let viaModel = 0;
  for (const low of lower) {
    const high = upper.get(low.concurrency);
    if (!high) continue;
    const at = (a: number, b: number) => interpolate(entry.messageSizeBytes, below, a, above, b);
    const model = sizeModels.find((item) => item.api === entry.api && item.backendSleepMs === entry.backendSleepMs && item.concurrency === low.concurrency);
    const linear = at(low.throughputRps, high.throughputRps);
    const throughputRps = model?.fit.status === 'fitted' ? sizeModelThroughput(model.fit, entry.messageSizeBytes) : linear;
    if (model?.fit.status === 'fitted') viaModel++;
    const scale = throughputRps / linear;
    levels.push({
      concurrency: low.concurrency,
      throughputRps,
      p99LatencyMs: at(low.p99LatencyMs, high.p99LatencyMs),
      lowRps: at(low.lowRps, high.lowRps) * scale,
      highRps: at(low.highRps, high.highRps) * scale,
      repetitions: Math.min(low.repetitions, high.repetitions),
      backendBound: low.backendBound && high.backendBound,
    });
  }
  return {
    basis: `bridged between measured sizes ${formatSize(below)} and ${formatSize(above)}: throughput from the size model at ${viaModel} of ${levels.length} levels (linear in size elsewhere), p99 linear in size`,
    levels,
    warnings: [`${label} was not measured: its capacity is interpolated between ${formatSize(below)} and ${formatSize(above)}`],
  };
}
