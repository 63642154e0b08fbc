/**
 * Which component limits a point. In a closed loop each user waits for its response (plus think time), so
 * the backend's sleep alone caps throughput at users / (sleep + base time + think time). A point at or near
 * that ceiling is backend-bound: the gateway keeps up. Well below it, time is being spent queueing somewhere
 * in front of the backend: gateway-bound (or load-generator-bound, which the saturation check rules out).
 */
import type { StoredPoint } from '../../store/types.js';
import type { LimitingComponent } from './types.js';

/**
 * The time a request needs besides the backend's sleep when nothing queues: the lowest median latency in the
 * series minus the sleep (network, TLS, gateway processing at the lightest load). The median, not the
 * fastest request: a ceiling built on the fastest request is one no typical request reaches, and would call
 * every point gateway-bound. Never negative.
 */
export function seriesBaseTimeMs(points: readonly StoredPoint[]): number | null {
  const values = points
    .filter((stored) => stored.result.requests > 0)
    .map((stored) => stored.result.latencyMs.p50 - stored.point.backendSleepMs);
  if (values.length === 0) return null;
  return Math.max(0, Math.min(...values));
}

export function classifyLimiting(
  stored: StoredPoint,
  baseTimeMs: number | null,
  thinkTimeMs: number,
  backendBoundFraction: number,
): LimitingComponent {
  const { point, result } = stored;
  if (point.model !== 'closed' || point.concurrency === undefined) {
    const offered = point.rateRps ?? result.open?.targetRps;
    return {
      kind: 'unknown',
      backendCeilingRps: null,
      ratioToCeiling: null,
      baseTimeMs,
      explanation:
        offered === undefined
          ? 'open model: no closed-loop ceiling to compare with'
          : `open model: ${result.throughputRps.toFixed(1)} req/s of ${offered} req/s offered; the backend sleep sets no throughput ceiling here`,
    };
  }
  if (baseTimeMs === null || result.requests === 0) {
    return { kind: 'unknown', backendCeilingRps: null, ratioToCeiling: null, baseTimeMs, explanation: 'no completed requests to judge from' };
  }
  const cycleMs = point.backendSleepMs + baseTimeMs + thinkTimeMs;
  const ceiling = cycleMs > 0 ? (point.concurrency * 1000) / cycleMs : Infinity;
  if (!Number.isFinite(ceiling)) {
    return { kind: 'gateway-bound', backendCeilingRps: null, ratioToCeiling: null, baseTimeMs, explanation: 'no sleep and no measurable base time: nothing but the gateway path limits this point' };
  }
  const ratio = result.throughputRps / ceiling;
  const bound = ratio >= backendBoundFraction;
  const basis = `${point.concurrency} users / (${point.backendSleepMs} ms sleep + ${baseTimeMs.toFixed(2)} ms base${thinkTimeMs > 0 ? ` + ${thinkTimeMs} ms think` : ''}) = ${ceiling.toFixed(1)} req/s`;
  const littles = result.littlesLaw.ok ? '' : `; Little's law check failed (implied/offered concurrency ${result.littlesLaw.ratio.toFixed(2)}), so treat this with care`;
  return {
    kind: bound ? 'backend-bound' : 'gateway-bound',
    backendCeilingRps: ceiling,
    ratioToCeiling: ratio,
    baseTimeMs,
    explanation: bound
      ? `backend-bound: ${result.throughputRps.toFixed(1)} req/s is ${(ratio * 100).toFixed(0)} % of the ceiling ${basis}${littles}`
      : `gateway-bound: ${result.throughputRps.toFixed(1)} req/s is only ${(ratio * 100).toFixed(0)} % of the ceiling ${basis}; requests queue in front of the backend${littles}`,
  };
}
