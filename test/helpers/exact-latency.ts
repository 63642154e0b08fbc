import { expect } from 'vitest';

/**
 * Latency expectations computed from the raw samples themselves (sorted, nearest rank), never with the HDR code
 * under test. The importer's HDR histogram keeps 3 significant digits and records whole microseconds, so its
 * percentile is the top of the bucket holding the exact sample: no lower than the sample (less half a
 * microsecond of rounding) and at most about 1/1024 above it.
 */
export function nearestRankMs(sortedMs: number[], percentile: number): number {
  return sortedMs[Math.max(1, Math.ceil((percentile / 100) * sortedMs.length)) - 1]!;
}

const HALF_MICROSECOND_MS = 0.0005;

export function expectWithinHdrBucket(actualMs: number, exactMs: number, label: string): void {
  expect(actualMs, `${label}: ${actualMs} ms vs exact ${exactMs} ms`).toBeGreaterThanOrEqual(exactMs - HALF_MICROSECOND_MS);
  expect(actualMs, `${label}: ${actualMs} ms vs exact ${exactMs} ms`).toBeLessThanOrEqual(exactMs * (1 + 1 / 1024) + 0.001 + HALF_MICROSECOND_MS);
}

/** Compares an imported point's latency summary with the raw samples' exact percentiles and mean. */
export function expectLatencyOfSamples(latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number }, samplesMs: number[]): void {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  expect(sorted.length).toBeGreaterThan(0);
  for (const [label, percentile] of [['p50', 50], ['p90', 90], ['p99', 99], ['p999', 99.9]] as const) {
    expectWithinHdrBucket(latencyMs[label], nearestRankMs(sorted, percentile), label);
  }
  expectWithinHdrBucket(latencyMs.max, sorted.at(-1)!, 'max');
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  expect(Math.abs(latencyMs.mean - mean) / mean, `mean ${latencyMs.mean} vs exact ${mean}`).toBeLessThan(1 / 1000);
}
