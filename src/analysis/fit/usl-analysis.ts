/**
 * A USL fit that is either trustworthy or refused with a reason: minimum data, R² threshold, a sane peak,
 * bootstrap confidence intervals (resampling relative residuals onto the fitted curve, fixed seed), each
 * checked against its estimate (checked-interval.ts), and a fitted band. The peak is in usl-peak.ts.
 */
import type { UslFitted, UslOutcome, UslParameters } from './types.js';
import type { IntervalMethod } from '../types.js';
import { randomIndex, seededRandom } from '../random.js';
import { distinctSorted } from '../stats.js';
import { checkedInterval } from './checked-interval.js';
import { findUslPeak, type UslPeak } from './usl-peak.js';
import { fitUslRaw, uslInitialGuesses, uslPeakConcurrency, uslThroughput, type UslSample } from './usl.js';

export interface UslSettings {
  minDistinctConcurrency: number;
  minR2: number;
  resamples: number;
  seed: number;
  level: number;
}

export const DEFAULT_USL_SETTINGS: UslSettings = { minDistinctConcurrency: 4, minR2: 0.9, resamples: 500, seed: 1, level: 0.95 };

export interface UslSampleWithRep extends UslSample {
  repetition: number;
}

export function analyzeUsl(samples: readonly UslSampleWithRep[], settings: UslSettings = DEFAULT_USL_SETTINGS): UslOutcome {
  const levels = distinctSorted(samples.map((sample) => sample.concurrency));
  const base = { pointsUsed: samples.length, distinctConcurrency: levels.length };
  if (levels.length < settings.minDistinctConcurrency) {
    return {
      status: 'notFitted',
      reason: `only ${levels.length} distinct concurrency level${levels.length === 1 ? '' : 's'} (${levels.join(', ') || 'none'}); the USL needs at least ${settings.minDistinctConcurrency} to fit 3 parameters with any check left`,
      ...base,
    };
  }
  const fit = fitUslRaw(samples);
  if (fit === null) return { status: 'notFitted', reason: 'the least-squares fit failed (no positive throughput to fit)', ...base };
  const peak = uslPeakConcurrency(fit.params);
  const rejected = { params: fit.params, r2: fit.r2, peakConcurrency: peak };
  const minN = levels[0]!;
  const maxN = levels[levels.length - 1]!;
  if (fit.r2 < settings.minR2) {
    return {
      status: 'notFitted',
      reason: `the USL does not describe this series: R² = ${fit.r2.toFixed(3)} is below ${settings.minR2}`,
      ...base,
      rejected,
    };
  }
  if (fit.params.sigma >= 1) {
    return {
      status: 'notFitted',
      reason: `the fit has σ = ${fit.params.sigma.toFixed(2)} >= 1: throughput falls from the first user on, so the whole measured range is past the peak (the series does not scale; see the limiting component and any excluded points)`,
      ...base,
      rejected,
    };
  }
  if (peak !== null && peak < minN) {
    // Only the downhill side was measured: many (σ, κ, λ) fit it equally well, so N* and λ mean nothing.
    return {
      status: 'notFitted',
      reason: `the fit puts the peak at N* = ${peak.toFixed(1)}, below the smallest measured concurrency (${minN}): the whole measured range is past the peak, where the USL cannot locate it; measure lower concurrencies`,
      ...base,
      rejected,
    };
  }
  const { intervals, band, peak: found } = bootstrapUsl(samples, fit.params, levels, settings);
  const { peakConcurrency, peakThroughputRps, peakNote } = found;
  const fitted: UslFitted = {
    status: 'fitted',
    params: fit.params,
    intervals,
    r2: fit.r2,
    residuals: samples.map((sample) => {
      const fittedRps = uslThroughput(fit.params, sample.concurrency);
      return {
        concurrency: sample.concurrency,
        repetition: sample.repetition,
        measuredRps: sample.throughputRps,
        fittedRps,
        residualRps: sample.throughputRps - fittedRps,
      };
    }),
    peakConcurrency,
    peakThroughputRps,
    peakNote,
    measuredRange: { minConcurrency: minN, maxConcurrency: maxN },
    band,
    ...base,
  };
  return fitted;
}

function bootstrapUsl(
  samples: readonly UslSampleWithRep[],
  best: UslParameters,
  levels: number[],
  settings: UslSettings,
): { intervals: UslFitted['intervals']; band: UslFitted['band']; peak: UslPeak } {
  // Residual bootstrap with the design kept fixed: every resample has every measured N, so no resample
  // lacks the levels a 3-parameter fit needs. Residuals are relative (throughput noise scales with
  // throughput) and inflated by sqrt(n / (n − 3)) because fitted residuals understate the noise.
  const random = seededRandom(settings.seed);
  const fitted = samples.map((sample) => uslThroughput(best, sample.concurrency));
  const inflate = Math.sqrt(samples.length / Math.max(1, samples.length - 3));
  const relative = samples.map((sample, i) => ((sample.throughputRps - fitted[i]!) / fitted[i]!) * inflate);
  const fits: UslParameters[] = [];
  let failed = 0;
  for (let r = 0; r < settings.resamples; r++) {
    const resample = samples.map((sample, i) => ({
      concurrency: sample.concurrency,
      throughputRps: fitted[i]! * (1 + relative[randomIndex(random, relative.length)]!),
    }));
    const fit = fitUslRaw(resample, [best, ...uslInitialGuesses(resample).slice(1, 2)], 100);
    if (fit === null) failed++;
    else fits.push(fit.params);
  }
  const method: IntervalMethod = { kind: 'bootstrap-residuals', resamples: settings.resamples, seed: settings.seed, level: settings.level, failedResamples: failed };
  const maxN = levels[levels.length - 1]!;
  const peak = findUslPeak(best, fits, maxN, settings.level);
  const parameter = (key: keyof UslParameters) => checkedInterval(best[key], fits.map((params) => params[key]), settings.level);
  const band = levels.map((concurrency) => {
    const fittedRps = uslThroughput(best, concurrency);
    const range = checkedInterval(fittedRps, fits.map((params) => uslThroughput(params, concurrency)), settings.level);
    return { concurrency, fittedRps, lowRps: range.low, highRps: range.high, ...(range.unreliable === undefined ? {} : { unreliable: range.unreliable }) };
  });
  return {
    intervals: {
      sigma: parameter('sigma'),
      kappa: parameter('kappa'),
      lambda: parameter('lambda'),
      peakConcurrency: peak.peakConcurrencyInterval,
      peakThroughputRps: peak.peakThroughputInterval,
      method,
    },
    band,
    peak,
  };
}
