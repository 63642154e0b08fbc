/**
 * Is a per-instance capacity the gateway's, or only the sweep's? In a closed loop N users can never carry more
 * than N / W requests a second, W being the time one request takes (Little's law; think time included). When
 * the p99 SLO still holds at the largest measured N and throughput was still rising with users there, the
 * "capacity" is where the sweep stopped, not where the gateway did: at 32 ms per request 50 users carry at most
 * ~1,560 req/s whatever the gateway. Such a capacity is a lower bound, and the instance count from it an upper
 * bound. The planner then extrapolates with the series' USL fit when that fit locates a peak beyond the sweep,
 * and otherwise names the wider sweep that would answer the question.
 */
import type { CapacityLevel } from './capacity-levels.js';
import type { SweepBound, UslExtrapolation } from './types.js';
import type { UslOutcome } from '../fit/types.js';
import { uslThroughput } from '../fit/usl.js';

/** Throughput growing at least this fraction as fast as users over the last measured step: still rising. */
export const STILL_RISING_GAIN = 0.5;
/** Most levels suggested for a wider sweep. */
const MAX_SUGGESTED_LEVELS = 6;

export interface SweepBoundInput {
  /** The entry's levels, sorted by concurrency, and the index of the one chosen (highest within the SLO). */
  levels: readonly CapacityLevel[];
  chosenIndex: number;
  targetRps: number;
  headroomPct: number;
  sloP99Ms: number;
  thinkTimeMs: number;
  /** The series' USL fit, when the entry is a measured series (not bridged along message size). */
  usl?: UslOutcome;
}

/** Doubling from the largest measured N until the users for the target (with headroom) are covered. */
export function widerSweepLevels(maxMeasured: number, usersNeeded: number): number[] {
  const levels: number[] = [];
  let level = maxMeasured;
  while (level < usersNeeded && levels.length < MAX_SUGGESTED_LEVELS) {
    level *= 2;
    levels.push(level);
  }
  if (levels.length === MAX_SUGGESTED_LEVELS && levels[levels.length - 1]! < usersNeeded) levels[levels.length - 1] = Math.ceil(usersNeeded);
  return levels;
}

function lastStepGain(levels: readonly CapacityLevel[]): number | null {
  if (levels.length < 2) return null;
  const top = levels[levels.length - 1]!;
  const previous = levels[levels.length - 2]!;
  const usersGain = top.concurrency / previous.concurrency - 1;
  if (!(usersGain > 0) || !(previous.throughputRps > 0)) return null;
  return (top.throughputRps / previous.throughputRps - 1) / usersGain;
}

function extrapolate(usl: UslOutcome | undefined, maxMeasured: number, sloP99Ms: number, thinkTimeMs: number): UslExtrapolation | string {
  if (usl === undefined) return 'the entry is bridged between measured sizes, so there is no USL fit to extrapolate';
  if (usl.status !== 'fitted') return `no USL fit to extrapolate (${usl.reason})`;
  const peak = usl.peakConcurrency;
  if (peak === null || peak <= maxMeasured) return `the USL fit locates no peak beyond the sweep (${usl.peakNote.split(':')[0]})`;
  const throughputRps = uslThroughput(usl.params, peak);
  const meanResponseTimeMs = (peak / throughputRps) * 1000 - thinkTimeMs;
  if (meanResponseTimeMs > sloP99Ms) {
    return `the USL peak at N* = ${Math.round(peak)} implies a mean response time of ${meanResponseTimeMs.toFixed(0)} ms, already above the ${sloP99Ms} ms p99 SLO`;
  }
  return {
    concurrency: peak,
    throughputRps,
    interval: usl.intervals.peakThroughputRps,
    meanResponseTimeMs,
    note:
      `EXTRAPOLATION: the USL fit peaks at N* = ${Math.round(peak)} users, beyond the ${maxMeasured} measured, at ${Math.round(throughputRps)} req/s ` +
      `[${Math.round(usl.intervals.peakThroughputRps.low)}, ${Math.round(usl.intervals.peakThroughputRps.high)}]; the fit implies a mean response time of ` +
      `${meanResponseTimeMs.toFixed(1)} ms there, and p99 there was not measured`,
  };
}

export function sweepBound(input: SweepBoundInput): SweepBound {
  const { levels, chosenIndex } = input;
  const chosen = levels[chosenIndex]!;
  const top = levels[levels.length - 1]!;
  const cycleTimeMs = (chosen.concurrency / chosen.throughputRps) * 1000;
  const usersForTargetRps = (input.targetRps * cycleTimeMs) / 1000;
  const gain = lastStepGain(levels);
  const base = { maxMeasuredConcurrency: top.concurrency, cycleTimeMs, usersForTargetRps, lastStepGain: gain };
  const measured = `measured up to ${top.concurrency} users`;
  if (chosen !== top) {
    return { status: 'within-sweep', ...base, explanation: `${measured}; p99 crosses the ${input.sloP99Ms} ms SLO above ${chosen.concurrency} users, inside the sweep` };
  }
  if (gain !== null && gain < STILL_RISING_GAIN) {
    return {
      status: 'within-sweep',
      ...base,
      explanation: `${measured}; throughput had levelled off (the last step added ${(gain * 100).toFixed(0)} % of the users' growth), so the gateway, not the sweep, set the limit`,
    };
  }
  if (usersForTargetRps <= top.concurrency) {
    return { status: 'within-sweep', ...base, explanation: `${measured}; ${top.concurrency} users already carry the target rate at ${cycleTimeMs.toFixed(1)} ms per request` };
  }
  const rising = gain === null ? 'only one level was measured' : `throughput still rose ${(gain * 100).toFixed(0)} % as fast as users over the last step`;
  const explanation =
    `sweep-bounded: this series was ${measured}; at ${cycleTimeMs.toFixed(0)} ms per request a gateway instance needs ≥ ${Math.ceil(usersForTargetRps)} users ` +
    `to carry ${Math.round(input.targetRps).toLocaleString('en-US')} req/s (Little's law), ${rising}, and p99 still met the SLO: the capacity here is where the sweep stopped, not the gateway's`;
  const extrapolation = extrapolate(input.usl, top.concurrency, input.sloP99Ms, input.thinkTimeMs);
  if (typeof extrapolation !== 'string') return { status: 'sweep-bounded', ...base, explanation, extrapolation };
  const needed = usersForTargetRps / (1 - input.headroomPct / 100);
  const widerSweep = widerSweepLevels(top.concurrency, needed);
  return {
    status: 'sweep-bounded',
    ...base,
    explanation: `${explanation}; no extrapolation: ${extrapolation}`,
    widerSweep,
  };
}
