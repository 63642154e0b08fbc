import type { PointResult, SloVerdict } from './types.js';

/** The limits a verdict checks (the scenario's `slo` block, or a series' stop condition); unset passes. */
export interface SloLimits {
  p99Ms?: number | undefined;
  errorPct?: number | undefined;
}

const ms = (value: number): string => `${Number(value.toFixed(2))} ms`;
const pct = (value: number): string => `${Number(value.toFixed(3))}%`;

/**
 * Pass/fail of one point against the scenario's p99 and error-rate limits (a limit not set passes). A point
 * with no successful response fails whatever the limits: refused connections must never read as a pass.
 */
export function sloVerdict(slo: SloLimits, result: PointResult): SloVerdict {
  return verdictAgainst({ p99Ms: slo.p99Ms, errorPct: slo.errorPct }, result);
}

export function verdictAgainst(limits: SloLimits, result: PointResult): SloVerdict {
  const reasons: string[] = [];
  if (result.requests - result.errors <= 0) reasons.push(`no successful response${noSuccessDetail(result)}`);
  if (limits.p99Ms !== undefined && result.latencyMs.p99 > limits.p99Ms) {
    reasons.push(`p99 ${ms(result.latencyMs.p99)} is over the limit of ${ms(limits.p99Ms)}`);
  }
  if (limits.errorPct !== undefined && result.errorPct > limits.errorPct) {
    reasons.push(`error rate ${pct(result.errorPct)} is over the limit of ${pct(limits.errorPct)}`);
  }
  return { pass: reasons.length === 0, reasons };
}

function noSuccessDetail(result: PointResult): string {
  const kinds = Object.entries(result.errorsByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
  return result.requests === 0 ? ' (no request completed)' : ` (${result.requests} requests, all failed${kinds === '' ? '' : `: ${kinds}`})`;
}
