import { percentileMs, type Histogram } from '../metrics/histogram.js';
import type { LatencySummaryMs } from './types.js';

const MICROS_PER_MS = 1000;

/** Percentiles come from the histogram, never from averages. An empty histogram gives zeros. */
export function summarizeMs(histogram: Histogram): LatencySummaryMs {
  if (histogram.totalCount === 0) {
    return { mean: 0, stdev: 0, min: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
  }
  const at = (percentile: number): number => percentileMs(histogram, percentile);
  return {
    mean: histogram.mean / MICROS_PER_MS,
    stdev: histogram.stdDeviation / MICROS_PER_MS,
    min: histogram.minNonZeroValue / MICROS_PER_MS,
    p50: at(50),
    p75: at(75),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    max: histogram.maxValue / MICROS_PER_MS,
  };
}
