import { describe, expect, it } from 'vitest';
import { runLoad } from '../../src/engine/index.js';
import { addCounts } from '../../src/metrics/counters.js';
import { createHistogram, decodeHistogram, encodeHistogram, mergeEncoded, recordMicros } from '../../src/metrics/histogram.js';
import { summarizeMs } from '../../src/results/latency-summary.js';
import { testLoadOptions } from '../engine/load-options.js';
import { startTestServer } from '../engine/servers.js';

/** A deterministic PRNG so the sample set is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('merging worker histograms', () => {
  it('gives the same percentiles as one histogram of all samples', () => {
    const random = lcg(42);
    const all = createHistogram();
    const perWorker = [createHistogram(), createHistogram(), createHistogram(), createHistogram()];
    for (let index = 0; index < 50_000; index++) {
      // Long-tailed latencies from 50 µs to seconds.
      const micros = 50 + Math.exp(random() * 14);
      recordMicros(all, micros);
      recordMicros(perWorker[index % 4]!, micros);
    }
    const merged = mergeEncoded(perWorker.map((histogram) => encodeHistogram(histogram)));
    // The reference goes through the same encoding: a decoded histogram knows its max only to its bucket
    // (within 0.1 %), while a live one remembers the exact value.
    const whole = mergeEncoded([encodeHistogram(all)]);
    expect(Math.abs(whole.maxValue - all.maxValue) / all.maxValue).toBeLessThan(0.001);
    expect(merged.totalCount).toBe(all.totalCount);
    const [mergedSummary, allSummary] = [summarizeMs(merged), summarizeMs(whole)];
    // Mean and stdev are sums of floats taken in bucket order; every other figure is a bucket value, exact.
    expect({ ...mergedSummary, mean: 0, stdev: 0 }).toEqual({ ...allSummary, mean: 0, stdev: 0 });
    expect(mergedSummary.mean).toBeCloseTo(allSummary.mean, 6);
    expect(mergedSummary.stdev).toBeCloseTo(allSummary.stdev, 6);
    for (const percentile of [1, 10, 50, 90, 99, 99.9, 99.99, 100]) {
      expect(merged.getValueAtPercentile(percentile)).toBe(whole.getValueAtPercentile(percentile));
    }
  });

  it('holds every response of a three-worker run in the merged latency histogram', async () => {
    const server = await startTestServer((_request, response) => response.end('ok'));
    try {
      const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'closed', users: 6, rampUpMs: 0, thinkTimeMs: 0 }, workers: 3 }));
      expect(result.generator.workers).toBe(3);
      const merged = decodeHistogram(result.histograms.latencyUs);
      expect(merged.totalCount).toBe(result.requests);
      expect(summarizeMs(merged)).toEqual(result.latencyMs);
    } finally {
      await server.close();
    }
  });

  it('adds counters by key', () => {
    expect(addCounts({ '2xx': 3, http_500: 1 }, { '2xx': 2, refused: 4 })).toEqual({ '2xx': 5, http_500: 1, refused: 4 });
  });
});
