import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../src/analysis/run-analysis/analyze-run.js';
import { uslThroughput } from '../../../src/analysis/fit/usl.js';
import { makeRun, uslPoints, type PointSpec } from '../../fixtures/analysis/make-run.js';

const TRUTH = { sigma: 0.001, kappa: 0.00002, lambda: 32 };
const LEVELS = [10, 50, 100, 200, 300, 500];

function echoSeries(): PointSpec[] {
  // 30 ms sleep; lowest median 30.5 ms (the fixture's p50 is at least its minimum), so the backend ceiling at
  // N users is N / 30.5 ms.
  return uslPoints(TRUTH, LEVELS, { repetitions: 2, noisePct: 1, seed: 5, backendSleepMs: 30 }).map((spec) => ({ ...spec, minMs: 30.5 }));
}

function mediationSeries(): PointSpec[] {
  return echoSeries().map((spec) => ({ ...spec, api: 'mediation' as const, throughputRps: spec.throughputRps * 0.5, meanMs: spec.meanMs! * 2, p99Ms: spec.p99Ms! * 2 }));
}

/** X(s) = 1 / (a + b·s) with a = 200 µs and b = 10 ns per byte, at 100 users, no sleep. */
const A = 0.0002;
const B = 1e-8;
function sizeSeries(): PointSpec[] {
  return [50, 1024, 10240, 102400].map((messageSizeBytes) => ({ concurrency: 100, messageSizeBytes, throughputRps: 1 / (A + B * messageSizeBytes), minMs: 0.2 }));
}

describe('analyzeRun', () => {
  const run = makeRun(
    [
      ...echoSeries(),
      { concurrency: 1000, backendSleepMs: 30, throughputRps: 100, saturated: true, minMs: 30.5 },
      { concurrency: 700, backendSleepMs: 30, throughputRps: 900, errorPct: 40, minMs: 30.5 },
      ...mediationSeries(),
      ...sizeSeries(),
    ],
    { sloP99Ms: 200 },
  );
  const analysis = analyzeRun(run, { resamples: 100 });

  it('fits the USL per series and lists the excluded points with their reasons', () => {
    const echo = analysis.series.find((series) => series.seriesKey === 'echo-1KiB-30ms')!;
    expect(echo.usl.status).toBe('fitted');
    if (echo.usl.status !== 'fitted') return;
    expect(echo.usl.pointsUsed).toBe(12);
    expect(echo.usl.residuals.map((residual) => residual.concurrency)).not.toContain(1000);
    expect(Math.abs(echo.usl.params.lambda / TRUTH.lambda - 1)).toBeLessThan(0.05);
    expect(analysis.excluded.map((point) => [point.pointId, point.kinds])).toEqual([
      ['echo-1KiB-30ms-c1000-r1', ['generator-saturated']],
      ['echo-1KiB-30ms-c700-r1', ['error-rate']],
    ]);
    expect(analysis.excluded[0]!.reasons[0]).toContain('event-loop delay');
    expect(analysis.excluded[1]!.reasons[0]).toContain('40.00 % > 5 %');
    expect(analysis.points.find((point) => point.pointId === 'echo-1KiB-30ms-c1000-r1')!.excluded).toBe(true);
  });

  it('refuses the USL for a series with one concurrency level, saying so', () => {
    const sizes = analysis.series.find((series) => series.seriesKey === 'echo-50B-0ms')!;
    expect(sizes.usl).toMatchObject({ status: 'notFitted', distinctConcurrency: 1 });
    expect(sizes.usl.status === 'notFitted' && sizes.usl.reason).toContain('only 1 distinct concurrency level');
  });

  it('tells backend-bound from gateway-bound points', () => {
    const low = analysis.points.find((point) => point.pointId === 'echo-1KiB-30ms-c10-r1')!;
    const high = analysis.points.find((point) => point.pointId === 'echo-1KiB-30ms-c500-r1')!;
    expect(low.limiting.kind).toBe('backend-bound');
    expect(low.limiting.backendCeilingRps).toBeCloseTo(10 / 0.0305, 6);
    expect(low.limiting.baseTimeMs).toBeCloseTo(0.5, 9);
    expect(high.limiting.kind).toBe('gateway-bound');
    expect(high.limiting.ratioToCeiling).toBeLessThan(0.5);
  });

  it('gives the mediation cost per point and per size', () => {
    expect(analysis.mediation.perPoint).toHaveLength(LEVELS.length);
    for (const point of analysis.mediation.perPoint) expect(point.ratio).toBeCloseTo(0.5, 9);
    expect(analysis.mediation.bySize).toEqual([{ messageSizeBytes: 1024, backendSleepMs: 30, pointCount: 6, meanRatio: expect.closeTo(0.5, 9), minRatio: expect.closeTo(0.5, 9), maxRatio: expect.closeTo(0.5, 9) }]);
  });

  it('fits throughput against message size and predicts an unmeasured size inside the range', () => {
    const model = analysis.sizeModels.find((entry) => entry.api === 'echo' && entry.backendSleepMs === 0 && entry.concurrency === 100)!;
    expect(model.fit.status).toBe('fitted');
    if (model.fit.status !== 'fitted') return;
    expect(model.fit.aSecPerRequest / A).toBeCloseTo(1, 4);
    expect(model.fit.bSecPerByte / B).toBeCloseTo(1, 4);
    expect(model.fit.r2).toBeGreaterThan(0.9999);
    expect(model.validation!.folds.map((fold) => fold.leftOut)).toEqual([1024, 10240]);
    expect(model.validation!.meanAbsErrorPct).toBeLessThan(0.1);
    const withQuery = analyzeRun(run, { resamples: 100, predict: [{ api: 'echo', messageSizeBytes: 5000, backendSleepMs: 0, concurrency: 100 }, { api: 'echo', messageSizeBytes: 204800, backendSleepMs: 0, concurrency: 100 }] });
    const [inside, outside] = withQuery.predictions.slice(-2);
    expect(inside).toMatchObject({ via: 'size', status: 'predicted' });
    expect(inside!.predictedRps! / (1 / (A + B * 5000))).toBeCloseTo(1, 4);
    expect(outside).toMatchObject({ status: 'refused', predictedRps: null });
    expect(outside!.note).toContain('never extrapolates');
  });

  it('predicts midpoints between measured concurrencies through the USL, with the LOO error', () => {
    const predictions = analysis.predictions.filter((prediction) => prediction.api === 'echo' && prediction.backendSleepMs === 30);
    expect(predictions.map((prediction) => prediction.concurrency)).toEqual([30, 75, 150, 250, 400]);
    const echo = analysis.series.find((series) => series.seriesKey === 'echo-1KiB-30ms')!;
    expect(echo.validation!.folds.map((fold) => fold.leftOut)).toEqual([50, 100, 200, 300]);
    for (const prediction of predictions) {
      expect(prediction.via).toBe('usl');
      expect(prediction.looMeanAbsErrorPct).toBe(echo.validation!.meanAbsErrorPct);
      expect(Math.abs(prediction.predictedRps! / uslThroughput(TRUTH, prediction.concurrency) - 1)).toBeLessThan(0.05);
    }
  });

  it('finds the knee where p99 crosses the SLO, interpolated between the bracketing levels', () => {
    const kneeRun = makeRun(
      [
        { concurrency: 10, throughputRps: 300, p99Ms: 50 },
        { concurrency: 50, throughputRps: 1200, p99Ms: 80 },
        { concurrency: 100, throughputRps: 2000, p99Ms: 150 },
        { concurrency: 200, throughputRps: 2200, p99Ms: 400 },
      ],
      { sloP99Ms: 250 },
    );
    const knee = analyzeRun(kneeRun, { resamples: 50, sloP99Ms: 200 }).series[0]!.latency.knee;
    // 100 + (200 − 150) / (400 − 150) × (200 − 100) = 120 users
    expect(knee).toEqual({ status: 'crossed', sloP99Ms: 200, concurrency: 120, between: [100, 200], p99AtBoundsMs: [150, 400] });
    expect(analyzeRun(kneeRun, { resamples: 50 }).settings).toMatchObject({ sloP99Ms: 250, sloSource: 'scenario' });
    expect(analyzeRun(kneeRun, { resamples: 50, sloP99Ms: 500 }).series[0]!.latency.knee.status).toBe('below');
    expect(analyzeRun(kneeRun, { resamples: 50, sloP99Ms: 40 }).series[0]!.latency.knee.status).toBe('above');
  });

  it('refuses a run with no points', () => {
    expect(() => analyzeRun(makeRun([]))).toThrow(/no measured points/);
  });

  it('holds only finite numbers, so analysis.json loses nothing (JSON turns NaN and Infinity into null)', () => {
    const bad: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'number' && !Number.isFinite(value)) bad.push(path);
      else if (value !== null && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    walk(analysis, 'analysis');
    expect(bad).toEqual([]);
  });
});
