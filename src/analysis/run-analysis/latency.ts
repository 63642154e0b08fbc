/**
 * Latency against concurrency: the measured p99 per level, the USL's mean response time R(N) = N/X(N) − Z
 * (Little's law for a closed loop with think time Z), and the knee where p99 first crosses the SLO.
 */
import type { UslOutcome } from '../fit/types.js';
import type { Knee, LatencyCurve, LatencyMeasurement, PointFinding, ResponseTimePoint } from './types.js';
import { uslThroughput } from '../fit/usl.js';
import { groupBy, interpolate, mean } from '../stats.js';

/** Mean over repetitions at each concurrency, sorted by concurrency. Closed-model points only. */
function latencyMeasurements(findings: readonly PointFinding[]): LatencyMeasurement[] {
  const closed = findings.filter((finding) => finding.concurrency !== undefined);
  return [...groupBy(closed, (finding) => finding.concurrency!)]
    .map(([concurrency, group]) => ({
      concurrency,
      p99LatencyMs: mean(group.map((finding) => finding.p99LatencyMs)),
      p90LatencyMs: mean(group.map((finding) => finding.p90LatencyMs)),
      meanLatencyMs: mean(group.map((finding) => finding.meanLatencyMs)),
      repetitions: group.length,
    }))
    .sort((a, b) => a.concurrency - b.concurrency);
}

/** The first crossing of the SLO by p99, linearly interpolated between the two measured levels around it. */
export function findKnee(measured: ReadonlyArray<{ concurrency: number; p99LatencyMs: number }>, sloP99Ms: number | null): Knee {
  if (sloP99Ms === null) return { status: 'noSlo', reason: 'no p99 SLO given (slo.p99 in the scenario, or --slo-p99)' };
  if (measured.length === 0) return { status: 'below', sloP99Ms, reason: 'no measured points' };
  const first = measured[0]!;
  if (first.p99LatencyMs > sloP99Ms) {
    return { status: 'above', sloP99Ms, reason: `p99 is already ${first.p99LatencyMs.toFixed(1)} ms > ${sloP99Ms} ms at the lowest measured concurrency (${first.concurrency})` };
  }
  for (let i = 1; i < measured.length; i++) {
    const lower = measured[i - 1]!;
    const upper = measured[i]!;
    if (lower.p99LatencyMs <= sloP99Ms && upper.p99LatencyMs > sloP99Ms) {
      const concurrency = interpolate(sloP99Ms, lower.p99LatencyMs, lower.concurrency, upper.p99LatencyMs, upper.concurrency);
      return {
        status: 'crossed',
        sloP99Ms,
        concurrency,
        between: [lower.concurrency, upper.concurrency],
        p99AtBoundsMs: [lower.p99LatencyMs, upper.p99LatencyMs],
      };
    }
  }
  const last = measured[measured.length - 1]!;
  return { status: 'below', sloP99Ms, reason: `p99 stays at or under ${sloP99Ms} ms up to the largest measured concurrency (${last.concurrency}: ${last.p99LatencyMs.toFixed(1)} ms)` };
}

/** R(N) on the measured levels plus a geometric grid between them, so a chart draws a smooth curve. */
export function uslResponseTime(usl: UslOutcome, levels: readonly number[], thinkTimeMs: number): ResponseTimePoint[] {
  if (usl.status !== 'fitted' || levels.length === 0) return [];
  const minN = Math.max(1, levels[0]!);
  const maxN = levels[levels.length - 1]!;
  const grid = new Set<number>(levels);
  const steps = 24;
  for (let i = 0; i <= steps; i++) grid.add(Math.round(minN * (maxN / minN) ** (i / steps)));
  return [...grid]
    .sort((a, b) => a - b)
    .map((concurrency) => ({ concurrency, responseTimeMs: (concurrency / uslThroughput(usl.params, concurrency)) * 1000 - thinkTimeMs }));
}

export function latencyCurve(
  included: readonly PointFinding[],
  usl: UslOutcome,
  thinkTimeMs: number,
  sloP99Ms: number | null,
): LatencyCurve {
  const measured = latencyMeasurements(included);
  return {
    measured,
    uslResponseTime: uslResponseTime(usl, measured.map((level) => level.concurrency), thinkTimeMs),
    thinkTimeMs,
    knee: findKnee(measured, sloP99Ms),
  };
}
