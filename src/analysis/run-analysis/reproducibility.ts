/** How far a run's figures can be trusted to repeat: interval widths, repetition spread, warm start, placement. */
import type { RunManifest } from '../../store/types.js';
import { relativeHalfWidthPct } from '../point-intervals.js';
import type { PointFinding, Reproducibility, SeriesAnalysis } from './types.js';

function spread(values: number[]): { median: number; max: number } | null {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const middle = Math.floor(finite.length / 2);
  const median = finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2;
  return { median, max: finite.at(-1)! };
}

const fixed = (value: number): string => value.toFixed(1);

export function reproducibility(points: readonly PointFinding[], series: readonly SeriesAnalysis[], manifest: RunManifest): Reproducibility {
  const included = points.filter((point) => !point.excluded);
  const throughputWidths = included.map((point) => relativeHalfWidthPct(point.throughputInterval, point.throughputRps));
  const p99Widths = included.map((point) => relativeHalfWidthPct(point.p99Interval, point.p99LatencyMs));
  const throughputSpread = spread(throughputWidths);
  const p99Spread = spread(p99Widths);
  const repeated = series.flatMap((entry) => entry.levels).filter((level) => level.repetitionCvPct !== null);
  const repetitionSpread = spread(repeated.map((level) => level.repetitionCvPct!));
  // Older manifests know neither; an imported run had no components to prime or pin.
  const primed = manifest.priming === undefined ? (manifest.placement === undefined ? null : false) : manifest.priming.routes.length > 0;
  const pinned = manifest.placement === undefined ? null : manifest.placement.mode !== 'off';

  const summary: string[] = [];
  if (throughputSpread === null) summary.push('no point had enough window samples for an interval: treat every figure as a single reading');
  else {
    summary.push(
      `throughput is known to ±${fixed(throughputSpread.median)} % (median 95 % half-width over ${throughputWidths.filter(Number.isFinite).length} points; widest ±${fixed(throughputSpread.max)} %)` +
        (p99Spread === null ? '' : `, p99 to ±${fixed(p99Spread.median)} % (widest ±${fixed(p99Spread.max)} %)`),
    );
  }
  if (repetitionSpread === null) summary.push('one repetition per point: the intervals cover noise within each window, not drift between runs; add sweep.repetitions to measure that');
  else summary.push(`repetitions of the same point differed by a median CV of ${fixed(repetitionSpread.median)} % (largest ${fixed(repetitionSpread.max)} % over ${repeated.length} levels)`);
  if (primed === false) summary.push('no warm start: the first points may read low while the gateway and backend are still being optimised');
  if (pinned === false) summary.push('components were not pinned to CPUs: generator, gateway and backend competed for the same cores, which widens run-to-run differences');
  return {
    throughputHalfWidthPct: throughputSpread === null ? null : { ...throughputSpread, points: throughputWidths.filter(Number.isFinite).length },
    p99HalfWidthPct: p99Spread === null ? null : { ...p99Spread, points: p99Widths.filter(Number.isFinite).length },
    repetitionCvPct: repetitionSpread === null ? null : { ...repetitionSpread, levels: repeated.length },
    primed,
    pinned,
    summary,
  };
}
