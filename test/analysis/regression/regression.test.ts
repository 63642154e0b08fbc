import { describe, expect, it } from 'vitest';
import { assertNoRegression, compareRuns } from '../../../src/analysis/regression/regression.js';
import { GatebenchError } from '../../../src/errors.js';
import { flatTimeline, makeRun, type PointSpec } from '../../fixtures/analysis/make-run.js';

const LIMITS = { maxThroughputDropPct: 5, maxP99RisePct: 10 };
const LEVELS = [10, 50, 100, 200];

/** Each level: 30 one-second samples around the given throughput and p99, 3 % noise, seeded per run and level. */
function runWith(name: string, seed: number, throughputFactor: number, p99Factor = 1, levels = LEVELS) {
  const specs: PointSpec[] = levels.map((concurrency, i) => {
    const throughputRps = 100 * concurrency * throughputFactor;
    const p99Ms = 20 * p99Factor;
    return { concurrency, throughputRps, p99Ms, timeline: flatTimeline(throughputRps, p99Ms, 30, 3, seed * 100 + i) };
  });
  return makeRun(specs, { runId: name });
}

describe('compareRuns (regression gate)', () => {
  it('stays quiet on noise alone', () => {
    const report = compareRuns(runWith('base', 1, 1), runWith('cand', 2, 1), LIMITS);
    expect(report.points.map((point) => point.verdict)).toEqual(['no-change', 'no-change', 'no-change', 'no-change']);
    expect(report.regressed).toBe(false);
    expect(() => assertNoRegression(report)).not.toThrow();
    for (const point of report.points) {
      expect(point.throughput.interval.low).toBeLessThan(1.03);
      expect(point.throughput.interval.high).toBeGreaterThan(0.97);
    }
  });

  it('flags an injected 10 % throughput drop as a confident regression', () => {
    const report = compareRuns(runWith('base', 1, 1), runWith('cand', 3, 0.9), LIMITS);
    expect(report.points.every((point) => point.throughput.verdict === 'regression')).toBe(true);
    expect(report.counts.regression).toBe(4);
    for (const point of report.points) {
      expect(point.throughput.ratio).toBeGreaterThan(0.85);
      expect(point.throughput.ratio).toBeLessThan(0.95);
      expect(point.throughput.interval.high).toBeLessThan(0.95);
    }
    expect(report.regressed).toBe(true);
    try {
      assertNoRegression(report);
      expect.unreachable('a regression must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(GatebenchError);
      expect((error as GatebenchError).code).toBe('GB_REGRESSION');
      expect((error as GatebenchError).exitCode).toBe(1);
    }
  });

  it('flags a p99 rise past its limit and calls a throughput gain an improvement', () => {
    const report = compareRuns(runWith('base', 1, 1), runWith('cand', 4, 1.2, 1.3), LIMITS);
    expect(report.points.every((point) => point.p99.verdict === 'regression')).toBe(true);
    expect(report.points.every((point) => point.throughput.verdict === 'improvement')).toBe(true);
    expect(report.points.every((point) => point.verdict === 'regression')).toBe(true);
  });

  it('calls a drop right at the limit inconclusive', () => {
    const report = compareRuns(runWith('base', 1, 1), runWith('cand', 5, 0.95), LIMITS);
    expect(report.points.some((point) => point.throughput.verdict === 'inconclusive')).toBe(true);
    expect(report.points.every((point) => point.throughput.verdict !== 'improvement')).toBe(true);
  });

  it('is reproducible with its fixed seed', () => {
    const a = compareRuns(runWith('base', 1, 1), runWith('cand', 2, 0.97), LIMITS, { resamples: 500 });
    const b = compareRuns(runWith('base', 1, 1), runWith('cand', 2, 0.97), LIMITS, { resamples: 500 });
    expect(a).toEqual(b);
    expect(a.method).toEqual({ kind: 'bootstrap-blocks', resamples: 500, seed: 1, level: 0.95 });
  });

  it('lists points only one side has', () => {
    const base = runWith('base', 1, 1, 1, [10, 50, 100, 400]);
    const report = compareRuns(base, runWith('cand', 2, 1), LIMITS, { resamples: 200 });
    expect(report.points.map((point) => point.matchKey)).toEqual(['echo-1KiB-0ms-c10', 'echo-1KiB-0ms-c50', 'echo-1KiB-0ms-c100']);
    expect(report.baselineOnly).toEqual(['echo-1KiB-0ms-c400']);
    expect(report.candidateOnly).toEqual(['echo-1KiB-0ms-c200']);
  });

  it('pools the repetitions of a point', () => {
    const specs = (seed: number, factor: number): PointSpec[] =>
      [1, 2, 3].map((repetition) => ({ concurrency: 50, repetition, throughputRps: 5000 * factor, p99Ms: 20, timeline: flatTimeline(5000 * factor, 20, 20, 3, seed + repetition) }));
    const report = compareRuns(makeRun(specs(10, 1), { runId: 'b' }), makeRun(specs(20, 0.9).slice(0, 2), { runId: 'c' }), LIMITS, { resamples: 500 });
    expect(report.points).toHaveLength(1);
    expect(report.points[0]!.baselinePointIds).toEqual(['echo-1KiB-0ms-c50-r1', 'echo-1KiB-0ms-c50-r2', 'echo-1KiB-0ms-c50-r3']);
    expect(report.points[0]!.baselineSeconds).toBe(60);
    expect(report.points[0]!.candidateSeconds).toBe(40);
    expect(report.points[0]!.throughput.verdict).toBe('regression');
  });

  it('refuses runs with no point in common, naming both', () => {
    const other = makeRun([{ concurrency: 10, throughputRps: 100, messageSizeBytes: 50 }], { runId: 'other' });
    expect(() => compareRuns(runWith('base', 1, 1), other, LIMITS)).toThrow(/no point in common/);
  });
});
