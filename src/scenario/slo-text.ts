import type { SloSpec } from './types.js';

/** The SLO in words, e.g. `p99 ≤ 200 ms, errors ≤ 1 % (default)`; undefined when there is none. */
export function describeSlo(slo: SloSpec): string | undefined {
  const parts = [
    ...(slo.p99Ms === undefined ? [] : [`p99 ≤ ${slo.p99Ms} ms`]),
    ...(slo.errorPct === undefined ? [] : [`errors ≤ ${slo.errorPct} %${slo.errorPctIsDefault === true ? ' (default; set slo.errorRate, or errorRate: off)' : ''}`]),
  ];
  return parts.length === 0 ? undefined : parts.join(', ');
}
