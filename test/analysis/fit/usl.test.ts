import { describe, expect, it } from 'vitest';
import { fitUslRaw, uslPeakConcurrency, uslThroughput } from '../../../src/analysis/fit/usl.js';
import { analyzeUsl } from '../../../src/analysis/fit/usl-analysis.js';
import { randomNormal, seededRandom } from '../../../src/analysis/random.js';
import type { UslParameters } from '../../../src/analysis/fit/types.js';

const LEVELS = [1, 2, 5, 10, 20, 50, 100, 200, 300, 500];

function samples(truth: UslParameters, noisePct: number, seed: number, repetitions = 3, levels = LEVELS) {
  const random = seededRandom(seed);
  return levels.flatMap((concurrency) =>
    Array.from({ length: repetitions }, (_, i) => ({
      concurrency,
      repetition: i + 1,
      throughputRps: uslThroughput(truth, concurrency) * (1 + (noisePct / 100) * randomNormal(random)),
    })),
  );
}

const settings = { minDistinctConcurrency: 4, minR2: 0.9, resamples: 200, seed: 1, level: 0.95 };

describe('USL fit', () => {
  it('recovers exact parameters from noise-free model data', () => {
    const truth = { sigma: 0.05, kappa: 0.0002, lambda: 120 };
    const fit = fitUslRaw(samples(truth, 0, 1, 1))!;
    expect(fit.params.sigma).toBeCloseTo(truth.sigma, 4);
    expect(fit.params.kappa / truth.kappa).toBeCloseTo(1, 3);
    expect(fit.params.lambda).toBeCloseTo(truth.lambda, 2);
    expect(fit.r2).toBeGreaterThan(0.999999);
  });

  it('recovers known parameters from noisy data (2 % noise, fixed seed), inside its bootstrap intervals', () => {
    const truth = { sigma: 0.05, kappa: 0.0002, lambda: 120 };
    const outcome = analyzeUsl(samples(truth, 2, 7), settings);
    expect(outcome.status).toBe('fitted');
    if (outcome.status !== 'fitted') return;
    expect(Math.abs(outcome.params.sigma / truth.sigma - 1)).toBeLessThan(0.15);
    expect(Math.abs(outcome.params.kappa / truth.kappa - 1)).toBeLessThan(0.15);
    expect(Math.abs(outcome.params.lambda / truth.lambda - 1)).toBeLessThan(0.05);
    for (const key of ['sigma', 'kappa', 'lambda'] as const) {
      expect(outcome.intervals[key].low).toBeLessThanOrEqual(truth[key]);
      expect(outcome.intervals[key].high).toBeGreaterThanOrEqual(truth[key]);
    }
    const truePeak = uslPeakConcurrency(truth)!; // sqrt(0.95 / 0.0002) = 68.9
    expect(outcome.peakConcurrency).not.toBeNull();
    expect(Math.abs(outcome.peakConcurrency! / truePeak - 1)).toBeLessThan(0.1);
    expect(outcome.intervals.peakConcurrency!.low).toBeLessThanOrEqual(truePeak);
    expect(outcome.intervals.peakConcurrency!.high).toBeGreaterThanOrEqual(truePeak);
    expect(outcome.peakThroughputRps).toBeCloseTo(uslThroughput(outcome.params, outcome.peakConcurrency!), 6);
    expect(outcome.peakNote).toContain('inside the measured range');
    expect(outcome.residuals).toHaveLength(30);
    expect(outcome.band.map((entry) => entry.concurrency)).toEqual(LEVELS);
    expect(outcome.intervals.method).toMatchObject({ kind: 'bootstrap-residuals', resamples: 200, seed: 1 });
  });

  it('is reproducible: the same seed gives the same intervals', () => {
    const data = samples({ sigma: 0.02, kappa: 0.00005, lambda: 300 }, 3, 11);
    expect(analyzeUsl(data, settings)).toEqual(analyzeUsl(data, settings));
  });

  it('says there is no retrograde region when κ = 0', () => {
    const outcome = analyzeUsl(samples({ sigma: 0.1, kappa: 0, lambda: 50 }, 0, 3, 1), settings);
    expect(outcome.status).toBe('fitted');
    if (outcome.status !== 'fitted') return;
    expect(outcome.peakConcurrency).toBeNull();
    expect(outcome.peakNote).toContain('no retrograde region within the measured range');
    expect(outcome.peakThroughputRps).toBeCloseTo(uslThroughput(outcome.params, 500), 6);
  });

  it('refuses a fit with too few distinct concurrency levels, saying why', () => {
    const outcome = analyzeUsl(samples({ sigma: 0.05, kappa: 0.0002, lambda: 120 }, 1, 5, 3, [10, 50, 100]), settings);
    expect(outcome.status).toBe('notFitted');
    if (outcome.status !== 'notFitted') return;
    expect(outcome.reason).toContain('only 3 distinct concurrency levels (10, 50, 100)');
    expect(outcome.pointsUsed).toBe(9);
  });

  it('refuses a fit that does not hold (R² below the threshold) and keeps what it rejected', () => {
    const random = seededRandom(99);
    const noise = LEVELS.map((concurrency) => ({ concurrency, repetition: 1, throughputRps: 500 + 400 * random() }));
    const outcome = analyzeUsl(noise, settings);
    expect(outcome.status).toBe('notFitted');
    if (outcome.status !== 'notFitted') return;
    expect(outcome.reason).toMatch(/R² = [0-9.-]+ is below 0.9/);
    expect(outcome.rejected?.r2).toBeLessThan(0.9);
  });
});

describe('USL peak outside the measured range', () => {
  it('refuses a series measured only past its peak, saying to measure lower concurrencies', () => {
    // True N* = sqrt(0.9 / 0.1) = 3, all levels from 10 up: only the downhill side is measured.
    const outcome = analyzeUsl(samples({ sigma: 0.1, kappa: 0.1, lambda: 1000 }, 0, 1, 1, [10, 20, 50, 100, 200]), settings);
    expect(outcome.status).toBe('notFitted');
    expect(outcome.status === 'notFitted' && outcome.reason).toMatch(/whole measured range is past the peak/);
  });

  it('refuses σ >= 1 (throughput falling from the first user on)', () => {
    const falling = [10, 20, 50, 100, 200].map((concurrency, i) => ({ concurrency, repetition: 1, throughputRps: [1000, 800, 600, 450, 300][i]! }));
    const outcome = analyzeUsl(falling, { ...settings, minR2: 0.5 });
    expect(outcome.status).toBe('notFitted');
    if (outcome.status !== 'notFitted') return;
    expect(outcome.reason).toMatch(/whole measured range is past the peak/);
    expect(outcome.rejected?.params.sigma).toBeGreaterThanOrEqual(1);
  });

  it('does not report an N* more than 10x beyond the largest measured N', () => {
    const outcome = analyzeUsl(samples({ sigma: 0.02, kappa: 1e-9, lambda: 100 }, 0, 1, 1, [10, 20, 50, 100, 200]), settings);
    expect(outcome.status).toBe('fitted');
    if (outcome.status !== 'fitted') return;
    expect(outcome.peakConcurrency).toBeNull();
    expect(outcome.peakNote).toContain('no retrograde region within the measured range');
    expect(outcome.peakThroughputRps).toBeCloseTo(uslThroughput(outcome.params, 200), 6);
  });

  it('labels an N* beyond the measured range (within 10x) as an extrapolation', () => {
    // True N* = sqrt(0.95 / 0.0002) = 68.9; measured only up to 40.
    const outcome = analyzeUsl(samples({ sigma: 0.05, kappa: 0.0002, lambda: 120 }, 0, 1, 1, [1, 5, 10, 20, 40]), settings);
    expect(outcome.status).toBe('fitted');
    if (outcome.status !== 'fitted') return;
    expect(outcome.peakConcurrency).toBeCloseTo(68.9, 0);
    expect(outcome.peakNote).toContain('extrapolations');
  });
});

/**
 * An independent solver for the USL with one parameter held at 0: a grid over the free shape parameter,
 * refined around its best cell, with λ solved in closed form (the model is linear in λ).
 */
function gridOptimum(data: Array<{ concurrency: number; throughputRps: number }>, free: 'sigma' | 'kappa'): UslParameters & { sse: number } {
  const evaluate = (p: number) => {
    const params = free === 'sigma' ? { sigma: p, kappa: 0, lambda: 1 } : { sigma: 0, kappa: p, lambda: 1 };
    const shape = data.map((sample) => uslThroughput(params, sample.concurrency));
    const lambda = data.reduce((sum, sample, i) => sum + sample.throughputRps * shape[i]!, 0) / shape.reduce((sum, g) => sum + g * g, 0);
    const sse = data.reduce((sum, sample, i) => sum + (sample.throughputRps - lambda * shape[i]!) ** 2, 0);
    return { ...params, lambda, sse };
  };
  let low = 0;
  let high = free === 'sigma' ? 2 : 0.01;
  let best = evaluate(0);
  for (let round = 0; round < 12; round++) {
    const step = (high - low) / 1000;
    for (let i = 0; i <= 1000; i++) {
      const candidate = evaluate(low + i * step);
      if (candidate.sse < best.sse) best = candidate;
    }
    const at = best[free];
    low = Math.max(0, at - 2 * step);
    high = at + 2 * step;
  }
  return best;
}

function noisy(truth: UslParameters, levels: number[], noisePct: number, seed: number) {
  const random = seededRandom(seed);
  return levels.flatMap((concurrency) =>
    [1, 2].map(() => ({ concurrency, throughputRps: uslThroughput(truth, concurrency) * (1 + (noisePct / 100) * randomNormal(random)) })),
  );
}

const sse = (data: Array<{ concurrency: number; throughputRps: number }>, params: UslParameters) =>
  data.reduce((sum, sample) => sum + (sample.throughputRps - uslThroughput(params, sample.concurrency)) ** 2, 0);

describe('USL fit on a bound (active-set refit)', () => {
  const relative = (value: number, reference: number) => Math.abs(value / reference - 1);

  it('reaches the bounded optimum when κ = 0 binds, as an independent grid solver finds it, to 1e-4', () => {
    // Slightly superlinear contention (κ < 0 in truth): the least-squares optimum with κ >= 0 lies on κ = 0.
    const data = noisy({ sigma: 0.08, kappa: -0.00004, lambda: 900 }, [1, 2, 5, 10, 20, 50, 100], 2, 3);
    const reference = gridOptimum(data, 'sigma');
    // The bound binds: at the reference optimum, any κ > 0 makes the fit worse (the KKT condition).
    expect(sse(data, { ...reference, kappa: 1e-7 })).toBeGreaterThan(reference.sse);
    const fit = fitUslRaw(data)!;
    expect(fit.params.kappa).toBe(0);
    expect(relative(fit.params.sigma, reference.sigma)).toBeLessThan(1e-4);
    expect(relative(fit.params.lambda, reference.lambda)).toBeLessThan(1e-4);
    expect(fit.sse).toBeLessThanOrEqual(reference.sse * (1 + 1e-9));
  });

  it('reaches the bounded optimum when σ = 0 binds, to 1e-4', () => {
    const data = noisy({ sigma: -0.01, kappa: 0.0002, lambda: 500 }, [1, 2, 5, 10, 20, 50, 100], 2, 8);
    const reference = gridOptimum(data, 'kappa');
    expect(sse(data, { ...reference, sigma: 1e-6 })).toBeGreaterThan(reference.sse);
    const fit = fitUslRaw(data)!;
    expect(fit.params.sigma).toBe(0);
    expect(relative(fit.params.kappa, reference.kappa)).toBeLessThan(1e-4);
    expect(relative(fit.params.lambda, reference.lambda)).toBeLessThan(1e-4);
  });
});
