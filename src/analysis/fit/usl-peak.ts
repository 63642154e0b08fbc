/**
 * The USL peak, with estimate and bootstrap interval always on ONE definition. A peak beyond the largest
 * measured N is reported (as an extrapolation) only when nearly every resample has one too; otherwise the
 * peak is "not identified within the data" and the quantity given is the highest fitted throughput within
 * the measured range, X(min(N*, largest N)), for the fit and for each resample alike. Mixing X(N*) for some
 * resamples with X(largest N) for others gives a bimodal distribution whose interval can miss the estimate.
 */
import type { UslParameters } from './types.js';
import type { ConfidenceInterval } from '../types.js';
import { checkedInterval } from './checked-interval.js';
import { uslPeakConcurrency, uslThroughput } from './usl.js';

/** N* beyond this multiple of the largest measured N is not reported: the data say nothing about it. */
export const PEAK_BEYOND_FACTOR = 10;

export interface UslPeak {
  peakConcurrency: number | null;
  peakThroughputRps: number;
  peakNote: string;
  peakConcurrencyInterval: ConfidenceInterval | null;
  peakThroughputInterval: ConfidenceInterval;
}

/** The highest fitted throughput for N up to maxN: X rises up to N* and falls after it. */
function highestWithin(params: UslParameters, maxN: number): number {
  const peak = uslPeakConcurrency(params);
  return uslThroughput(params, peak !== null && peak < maxN ? peak : maxN);
}

export function findUslPeak(best: UslParameters, fits: readonly UslParameters[], maxN: number, level: number): UslPeak {
  const bound = PEAK_BEYOND_FACTOR * maxN;
  const peak = uslPeakConcurrency(best);
  const boundedFits = fits.filter((params) => {
    const resamplePeak = uslPeakConcurrency(params);
    return resamplePeak !== null && resamplePeak <= bound;
  });
  const share = fits.length === 0 ? 0 : boundedFits.length / fits.length;
  // An interval over N* (and a peak beyond the data) only means something when (nearly) every resample has one.
  const needed = 1 - (1 - level) / 2;
  const confirmed = fits.length > 0 && share >= needed;
  const concurrencyInterval = (estimate: number) =>
    confirmed ? checkedInterval(estimate, boundedFits.map((params) => uslPeakConcurrency(params)!), level) : null;
  const withinInterval = (estimate: number) => checkedInterval(estimate, fits.map((params) => highestWithin(params, maxN)), level);

  if (peak !== null && peak <= maxN) {
    const peakThroughputRps = uslThroughput(best, peak);
    return {
      peakConcurrency: peak,
      peakThroughputRps,
      peakNote: `throughput peaks inside the measured range, at N* = ${Math.round(peak)}, and falls beyond it (retrograde region)`,
      peakConcurrencyInterval: concurrencyInterval(peak),
      peakThroughputInterval: withinInterval(peakThroughputRps),
    };
  }
  if (peak !== null && peak <= bound && confirmed) {
    const peakThroughputRps = uslThroughput(best, peak);
    return {
      peakConcurrency: peak,
      peakThroughputRps,
      peakNote: `N* = ${Math.round(peak)} lies beyond the largest measured N (${maxN}): both the peak concurrency and X(N*) are extrapolations (${percent(share)} of bootstrap resamples also peak within ${PEAK_BEYOND_FACTOR}x the largest N; the interval is X(N*) over them)`,
      peakConcurrencyInterval: concurrencyInterval(peak),
      peakThroughputInterval: checkedInterval(peakThroughputRps, boundedFits.map((params) => uslThroughput(params, uslPeakConcurrency(params)!)), level),
    };
  }
  const peakThroughputRps = uslThroughput(best, maxN);
  let why: string;
  if (peak === null) why = 'κ = 0';
  else if (peak > bound) why = `the model's N* = ${Math.round(peak)} is more than ${PEAK_BEYOND_FACTOR}x the largest measured N and is not reported`;
  else why = `the model's N* = ${Math.round(peak)} would be an extrapolation, and only ${percent(share)} of bootstrap resamples peak within ${PEAK_BEYOND_FACTOR}x the largest measured N (${percent(needed)} needed)`;
  return {
    peakConcurrency: null,
    peakThroughputRps,
    peakNote: `no retrograde region within the measured range: throughput still rising at the largest measured N (${maxN}); peak not identified within the data (${why}). The peak throughput given is the fitted X(${maxN}), the highest within the measured range, with its interval over the resamples`,
    peakConcurrencyInterval: null,
    peakThroughputInterval: withinInterval(peakThroughputRps),
  };
}

function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(1))} %`;
}
