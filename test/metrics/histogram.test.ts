import { describe, expect, it } from 'vitest';
import { createHistogram, decodeHistogram, encodeHistogram, mergeEncoded, recordMicros } from '../../src/metrics/histogram.js';
import { summarizeMs } from '../../src/results/latency-summary.js';

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('histogram helpers', () => {
  it('merging encoded parts gives the same percentiles as one histogram of all samples', () => {
    const random = seededRandom(7);
    const whole = createHistogram();
    const parts = [createHistogram(), createHistogram(), createHistogram()];
    for (let i = 0; i < 30_000; i++) {
      const micros = 200 + Math.floor(-Math.log(1 - random()) * 5_000);
      recordMicros(whole, micros);
      recordMicros(parts[i % 3]!, micros);
    }
    const merged = mergeEncoded(parts.map(encodeHistogram));
    expect(merged.totalCount).toBe(whole.totalCount);
    expect(summarizeMs(merged)).toEqual(summarizeMs(whole));
  });

  it('round-trips through the compressed encoding and summarizes in milliseconds', () => {
    const histogram = createHistogram();
    for (let ms = 1; ms <= 100; ms++) recordMicros(histogram, ms * 1000);
    const summary = summarizeMs(decodeHistogram(encodeHistogram(histogram)));
    expect(summary.min).toBeCloseTo(1, 2);
    expect(summary.p50).toBeCloseTo(50, 1);
    expect(summary.max).toBeCloseTo(100, 0);
    expect(summary.mean).toBeCloseTo(50.5, 1);
  });
});
