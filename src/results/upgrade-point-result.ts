import { pointCounts } from './point-rates.js';
import type { PointResult, TimelineSecond } from './types.js';
import { SCHEMA_VERSIONS } from './versions.js';

/** A version 1 PointResult: throughputRps (and each timeline second's) counted every completed request. */
type PointResultV1 = Omit<PointResult, 'schemaVersion' | 'rates'> & { schemaVersion: 1 };

/**
 * Reads a stored PointResult of any known version as the current one. Version 1 kept every count needed
 * (requests, errors, statusCounts), so its goodput is exact: (requests − errors) / durationS, and per second
 * the old rate scaled by that second's share of successes.
 */
export function upgradePointResult(result: PointResult | PointResultV1): PointResult {
  if (result.schemaVersion === SCHEMA_VERSIONS.pointResult) return result;
  const counts = pointCounts(result);
  const perSecond = (count: number): number => (result.durationS > 0 ? count / result.durationS : 0);
  const rates = { attemptsPerSec: perSecond(counts.attempts), responsesPerSec: perSecond(counts.responses), successfulPerSec: perSecond(counts.successful) };
  return {
    ...result,
    schemaVersion: SCHEMA_VERSIONS.pointResult,
    throughputRps: rates.successfulPerSec,
    rates,
    timeline: result.timeline.map(goodputSecond),
    warmup: {
      ...result.warmup,
      throughputRps: result.warmup.durationS > 0 ? Math.max(0, result.warmup.requests - result.warmup.errors) / result.warmup.durationS : 0,
      timeline: result.warmup.timeline.map(goodputSecond),
    },
  };
}

function goodputSecond(second: TimelineSecond): TimelineSecond {
  const share = second.requests > 0 ? Math.max(0, second.requests - second.errors) / second.requests : 0;
  return { ...second, throughputRps: second.throughputRps * share };
}

/** Whether a record's PointResult version is one this build reads. */
export function isKnownPointResultVersion(version: unknown): boolean {
  return version === 1 || version === SCHEMA_VERSIONS.pointResult;
}
