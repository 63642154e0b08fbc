/**
 * A percentile interval that checks itself against its point estimate. A percentile bootstrap interval that
 * does not contain the estimate describes a skewed or mixed distribution, not the estimate: the interval is
 * kept (it is still what the resamples say) but marked `unreliable` with the reason, so no reader takes it
 * at face value.
 */
import type { UslFitted } from './types.js';
import type { ConfidenceInterval } from '../types.js';
import { percentileInterval } from '../stats.js';

export function checkedInterval(estimate: number, resampled: readonly number[], level: number): ConfidenceInterval {
  if (resampled.length === 0) return { low: NaN, high: NaN, level };
  const range = percentileInterval(resampled, level);
  const note = outsideNote(estimate, range);
  return note === undefined ? range : { ...range, unreliable: note };
}

/** Why the interval is unreliable, or undefined when it contains the estimate (rounding aside). */
function outsideNote(estimate: number, range: ConfidenceInterval): string | undefined {
  if (!Number.isFinite(estimate) || !Number.isFinite(range.low) || !Number.isFinite(range.high)) return undefined;
  const slack = 1e-9 * (Math.abs(range.low) + Math.abs(range.high));
  if (estimate >= range.low - slack && estimate <= range.high + slack) return undefined;
  const side = estimate < range.low ? 'below' : 'above';
  return `the estimate ${formatPlain(estimate)} lies ${side} its ${Math.round(range.level * 100)} % bootstrap interval [${formatPlain(range.low)}, ${formatPlain(range.high)}]: the bootstrap distribution is skewed or unstable, so the interval is unreliable`;
}

function formatPlain(value: number): string {
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e6 ? Number(value.toPrecision(4)).toString() : value.toExponential(3);
}

/** Every unreliable interval of a USL fit, named, for the printed summaries ("caution: ..."). */
export function uslIntervalCautions(fit: UslFitted): string[] {
  const named: Array<[string, ConfidenceInterval | null]> = [
    ['σ', fit.intervals.sigma],
    ['κ', fit.intervals.kappa],
    ['λ', fit.intervals.lambda],
    ['N*', fit.intervals.peakConcurrency],
    ['peak throughput', fit.intervals.peakThroughputRps],
  ];
  return [
    ...named.flatMap(([name, range]) => (range?.unreliable === undefined ? [] : [`${name}: ${range.unreliable}`])),
    ...fit.band.flatMap((entry) => (entry.unreliable === undefined ? [] : [`band at N = ${entry.concurrency}: ${entry.unreliable}`])),
  ];
}
