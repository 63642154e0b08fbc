import { describe, expect, it } from 'vitest';
import { levelEstimate, pointInterval, relativeHalfWidthPct } from '../../src/analysis/point-intervals.js';
import { compareRuns } from '../../src/analysis/regression/regression.js';
import { seededRandom } from '../../src/analysis/random.js';
import type { StoredPoint } from '../../src/store/types.js';
import { makeRun } from '../fixtures/analysis/make-run.js';

/**
 * A 1 s window as the engine stores it: ten 100 ms timeline slices whose request counts scatter around `meanRps` by
 * `noisePct` (uniform, seeded) and whose p99s scatter the same way around `p99Ms`.
 */
function withSamples(stored: StoredPoint, meanRps: number, p99Ms: number, noisePct: number, seed: number): StoredPoint {
  const random = seededRandom(seed);
  const wobble = (): number => 1 + (noisePct / 100) * (2 * random() - 1);
  const requests = Array.from({ length: 10 }, () => Math.round((meanRps / 10) * wobble()));
  const total = requests.reduce((sum, count) => sum + count, 0);
  const result = {
    ...stored.result,
    durationS: 1,
    requests: total,
    throughputRps: total,
    latencyMs: { ...stored.result.latencyMs, p99: p99Ms },
    timeline: [{ second: 0, requests: total, errors: 0, throughputRps: total, p50Ms: p99Ms / 3, p99Ms }],
    timelineSlices: { sliceMs: 100, slices: requests.map((count, index) => ({ index, requests: count, errors: 0, p50Ms: p99Ms / 3, p99Ms: p99Ms * wobble() })) },
  };
  return { ...stored, result };
}

function oneSecondRun(runId: string, meanRps: number, noisePct: number, seed: number) {
  const run = makeRun(
    [10, 20, 30, 40].map((concurrency) => ({ concurrency, throughputRps: meanRps })),
    { runId },
  );
  return { ...run, points: run.points.map((stored, index) => withSamples(stored, meanRps, 20, noisePct, seed + index)) };
}

describe('point intervals from sub-second samples', () => {
  it('are narrow on steady data and wide on noisy data', () => {
    const [steadyPoint] = oneSecondRun('steady', 5000, 2, 1).points;
    const [noisyPoint] = oneSecondRun('noisy', 5000, 60, 1).points;
    const steady = pointInterval(steadyPoint!.result);
    const noisy = pointInterval(noisyPoint!.result);
    expect(steady.samples).toBe(10);
    expect(steady.bucketMs).toBe(100);
    expect(steady.throughput.low).toBeLessThanOrEqual(steadyPoint!.result.throughputRps);
    expect(steady.throughput.high).toBeGreaterThanOrEqual(steadyPoint!.result.throughputRps);
    const steadyPct = relativeHalfWidthPct(steady.throughput, steadyPoint!.result.throughputRps);
    const noisyPct = relativeHalfWidthPct(noisy.throughput, noisyPoint!.result.throughputRps);
    expect(steadyPct).toBeLessThan(2);
    expect(noisyPct).toBeGreaterThan(15);
    expect(relativeHalfWidthPct(noisy.p99, 20)).toBeGreaterThan(relativeHalfWidthPct(steady.p99, 20) * 5);
  });

  it('a window with one sample has no interval (NaN bounds), never a made-up one', () => {
    const [point] = oneSecondRun('one', 5000, 2, 1).points;
    const { timelineSlices: _slices, ...withoutSamples } = point!.result;
    const interval = pointInterval(withoutSamples);
    expect(interval.samples).toBe(1);
    expect(Number.isNaN(interval.throughput.low)).toBe(true);
  });

  it('repetitions that disagree widen the level interval past what each window shows', () => {
    const [a, b] = [oneSecondRun('a', 5000, 2, 1).points[0]!, oneSecondRun('b', 6000, 2, 2).points[0]!];
    const figures = [a, b].map((stored) => {
      const interval = pointInterval(stored.result);
      return { throughputRps: stored.result.throughputRps, throughputInterval: interval.throughput, p99LatencyMs: stored.result.latencyMs.p99, p99Interval: interval.p99 };
    });
    const level = levelEstimate(figures);
    expect(level.repetitions).toBe(2);
    expect(level.repetitionCvPct).toBeGreaterThan(10);
    expect(level.throughput.low).toBeLessThan(5000);
    expect(level.throughput.high).toBeGreaterThan(6000);
    const single = levelEstimate(figures.slice(0, 1));
    expect(single.repetitionCvPct).toBeNull();
    expect(single.throughput.high - single.throughput.low).toBeLessThan(level.throughput.high - level.throughput.low);
  });
});

describe('compare on 1 s windows', () => {
  it('judges two steady quick runs (no change; a 25 % drop is a regression) instead of calling them inconclusive', () => {
    const baseline = oneSecondRun('base', 5000, 3, 10);
    const same = compareRuns(baseline, oneSecondRun('same', 5000, 3, 20), { maxThroughputDropPct: 5, maxP99RisePct: 10 });
    expect(same.counts.inconclusive).toBe(0);
    expect(same.counts['no-change']).toBe(4);
    const slower = compareRuns(baseline, oneSecondRun('slower', 3750, 3, 30), { maxThroughputDropPct: 5, maxP99RisePct: 10 });
    expect(slower.counts.regression).toBe(4);
  });
});
