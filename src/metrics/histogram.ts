import * as hdr from 'hdr-histogram-js';

/**
 * Latency histograms in microseconds. One place creates, encodes, decodes and merges them, so every
 * stage (engine workers, importers, analysis) uses the same range and precision and merges exactly.
 */
export type Histogram = hdr.Histogram;

/** 1 µs to 1 hour at 3 significant digits: 0.1 % value precision across the range. */
const HISTOGRAM_SETTINGS = {
  lowestDiscernibleValue: 1,
  highestTrackableValue: 3_600_000_000,
  numberOfSignificantValueDigits: 3 as const,
};

export function createHistogram(): Histogram {
  return hdr.build(HISTOGRAM_SETTINGS);
}

/** Records one latency in microseconds, clamped into the trackable range (never throws on the hot path). */
export function recordMicros(histogram: Histogram, micros: number): void {
  const value = Math.min(HISTOGRAM_SETTINGS.highestTrackableValue, Math.max(1, Math.round(micros)));
  histogram.recordValue(value);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded);
  // Copy into a histogram with our settings so merges never hit a range mismatch.
  const histogram = createHistogram();
  histogram.add(decoded);
  return histogram;
}

/** Exact merge: the counts of every bucket are added. */
export function mergeHistograms(histograms: Iterable<Histogram>): Histogram {
  const merged = createHistogram();
  for (const histogram of histograms) merged.add(histogram);
  return merged;
}

/** Exact merge of encoded histograms: each decoded one is added straight in (adding maps its buckets onto our settings). */
export function mergeEncoded(encoded: Iterable<string>): Histogram {
  const merged = createHistogram();
  for (const item of encoded) merged.add(hdr.decodeFromCompressedBase64(item));
  return merged;
}

const MICROS_PER_MS = 1000;

/** One percentile in milliseconds (0 for an empty histogram), where only one is needed. */
export function percentileMs(histogram: Histogram, percentile: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(percentile) / MICROS_PER_MS;
}

/** HDR's text percentile distribution (values in milliseconds), as written to `histograms/<point>.hgrm`. */
export function percentileDistributionText(histogram: Histogram): string {
  return histogram.outputPercentileDistribution(5, MICROS_PER_MS);
}
