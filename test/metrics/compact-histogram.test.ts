import { describe, expect, it } from 'vitest';
import { COMPACT_BUCKETS, COMPACT_MAX_MICROS, CompactHistogram } from '../../src/metrics/compact-histogram.js';

describe('CompactHistogram', () => {
  it('keeps every value from 1 µs to 1 h within 0.4 % and in order', () => {
    let previous = 0;
    for (let micros = 1; micros <= COMPACT_MAX_MICROS; micros = Math.ceil(micros * 1.013)) {
      const histogram = new CompactHistogram();
      histogram.record(micros);
      const value = histogram.valueAtPercentile(50);
      expect(Math.abs(value - micros) / micros).toBeLessThanOrEqual(0.004);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
    expect(new CompactHistogram().counts.length).toBe(COMPACT_BUCKETS);
  });

  it('gives each percentile within 0.4 % of the exact order statistic, and clamps out-of-range values', () => {
    const compact = new CompactHistogram();
    const values: number[] = [];
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const micros = 50 + (seed % 100_000) * (i % 100 === 0 ? 40 : 1);
      compact.record(micros);
      values.push(micros);
    }
    values.sort((a, b) => a - b);
    for (const percentile of [0, 50, 90, 99, 99.9, 100]) {
      const exact = values[Math.max(0, Math.ceil((percentile / 100) * values.length) - 1)]!;
      expect(Math.abs(compact.valueAtPercentile(percentile) - exact) / exact).toBeLessThanOrEqual(0.004);
    }
    const edges = new CompactHistogram();
    edges.record(0);
    edges.record(10 * COMPACT_MAX_MICROS);
    expect(edges.valueAtPercentile(0)).toBe(1);
    expect(edges.valueAtPercentile(100)).toBeCloseTo(COMPACT_MAX_MICROS, -7);
  });

  it('merges exactly through its sparse encoding', () => {
    const a = new CompactHistogram();
    const b = new CompactHistogram();
    for (let i = 1; i <= 1000; i++) (i % 2 === 0 ? a : b).record(i * 37);
    const merged = new CompactHistogram();
    merged.addEncoded(a.encode());
    merged.addEncoded(b.encode());
    const direct = new CompactHistogram();
    direct.add(a);
    direct.add(b);
    expect(merged.totalCount).toBe(1000);
    expect([...merged.counts]).toEqual([...direct.counts]);
    expect(new CompactHistogram().encode()).toEqual([]);
    a.reset();
    expect(a.totalCount).toBe(0);
    expect(a.valueAtPercentile(99)).toBe(0);
  });
});
