import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveConfig, type LatencyDistribution } from '../../mock-backend/index.js';
import { Fate, Prng, RequestPlanner, sampleMs } from '../../mock-backend/latency.js';

function samples(distribution: LatencyDistribution, count: number, seed = 42): number[] {
  const prng = new Prng(seed);
  return Array.from({ length: count }, () => sampleMs(distribution, prng));
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('latency distributions (seeded, so these are exact reproducible checks)', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const distribution: LatencyDistribution = { type: 'exponential', meanMs: 10 };
    expect(samples(distribution, 50, 1)).toEqual(samples(distribution, 50, 1));
    expect(samples(distribution, 50, 1)).not.toEqual(samples(distribution, 50, 2));
  });

  it('keeps uniform samples inside [minMs, maxMs]', () => {
    const values = samples({ type: 'uniform', minMs: 10, maxMs: 20 }, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...values)).toBeLessThanOrEqual(20);
    expect(mean(values)).toBeCloseTo(15, 0);
  });

  it('centres normal on meanMs and never goes below 0', () => {
    expect(mean(samples({ type: 'normal', meanMs: 50, stdevMs: 5 }, 20_000))).toBeCloseTo(50, 0);
    expect(Math.min(...samples({ type: 'normal', meanMs: 1, stdevMs: 10 }, 1000))).toBe(0);
  });

  it('gives exponential its mean and lognormal its median', () => {
    expect(mean(samples({ type: 'exponential', meanMs: 20 }, 50_000)) / 20).toBeCloseTo(1, 1);
    expect(median(samples({ type: 'lognormal', medianMs: 30, sigma: 0.5 }, 20_001)) / 30).toBeCloseTo(1, 1);
  });

  it('treats {medianMs, sigma} as {mu: ln(medianMs), sigma}', () => {
    expect(samples({ type: 'lognormal', medianMs: 30, sigma: 0.4 }, 100)).toEqual(samples({ type: 'lognormal', mu: Math.log(30), sigma: 0.4 }, 100));
  });
});

describe('RequestPlanner', () => {
  it('uses the header sleep, adds stalls and draws faults at the configured rates', () => {
    const config = resolveConfig({ sleepMs: 10, stallRate: 1, stallMs: 100, errorRate: 1 });
    const planner = new RequestPlanner(config, 1);
    expect(planner.sleepFor(-1)).toBe(110);
    expect(planner.stalled).toBe(true);
    expect(planner.sleepFor(3)).toBe(103);
    expect(planner.fate()).toBe(Fate.Error);
    expect(new RequestPlanner(resolveConfig({ dropRate: 1 }), 1).fate()).toBe(Fate.Drop);
    expect(new RequestPlanner(DEFAULT_CONFIG, 1).fate()).toBe(Fate.Respond);
  });

  it('gives each worker its own reproducible stream', () => {
    const config = resolveConfig({ distribution: { type: 'uniform', minMs: 0, maxMs: 100 } });
    const draw = (workerId: number): number[] => {
      const planner = new RequestPlanner(config, workerId);
      return Array.from({ length: 20 }, () => planner.sleepFor(-1));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('refuses a bad config with every field named', () => {
    expect(() => resolveConfig({ sleepMs: 'slow', dropRate: -1 })).toThrow(/sleepMs: .*dropRate: /);
  });
});
