/**
 * 95 % intervals on each point's throughput and p99, from its sub-second samples (batch means over the
 * engine's 100 ms timeline slices), and on each
 * load level once its repetitions are pooled (the wider of the pooled within-window interval and the spread
 * between repetitions). Pure functions of stored results.
 */
import type { PointResult } from '../results/types.js';
import type { ConfidenceInterval } from './types.js';
import { mean } from './stats.js';

export const INTERVAL_LEVEL = 0.95;
/** Batches per window: enough degrees of freedom, and batches long enough to be nearly independent. */
const BATCHES = 10;

/** Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom; past 30 the normal 1.96 is close. */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
export const tQuantile975 = (degreesOfFreedom: number): number => T_975[degreesOfFreedom - 1] ?? 1.96;

/** One sample of a point's window: successful responses per second, its p99 and how many responses it holds. */
export interface WindowSample {
  goodRps: number;
  p99Ms: number;
  responses: number;
}

/**
 * The window's samples: the engine's 100 ms timeline slices when it kept them (`timelineSlices`), else the
 * per-second timeline (imported and older runs, windows over 2 minutes). Only whole slices or seconds count: a
 * last one cut short would read low. A slice with no response has p99 0 and no weight in p99 figures.
 */
export function windowSamples(result: PointResult): { bucketMs: number; samples: WindowSample[] } {
  const windowMs = result.durationS * 1000;
  if (result.timelineSlices !== undefined && result.timelineSlices.slices.length > 0) {
    const { sliceMs, slices } = result.timelineSlices;
    const whole = Math.floor(windowMs / sliceMs + 1e-6);
    const samples = slices
      .filter((slice) => slice.index < whole)
      .map((slice) => ({ goodRps: (slice.requests - slice.errors) / (sliceMs / 1000), p99Ms: slice.p99Ms, responses: slice.requests }));
    return { bucketMs: sliceMs, samples };
  }
  const samples = result.timeline
    .filter((second) => second.second + 1 <= result.durationS + 1e-6)
    .map((second) => ({ goodRps: second.requests - second.errors, p99Ms: second.p99Ms, responses: second.requests }));
  return { bucketMs: 1000, samples };
}

export interface PointInterval {
  throughput: ConfidenceInterval;
  p99: ConfidenceInterval;
  /** Samples used and their length; fewer than 2 give no interval (NaN bounds). */
  samples: number;
  bucketMs: number;
}

const none = (): ConfidenceInterval => ({ low: NaN, high: NaN, level: INTERVAL_LEVEL });

/**
 * Batch means: the window's samples in up to 10 runs of consecutive samples, a t-interval on the mean of the
 * batch means, centred on the point's own figure. Consecutive samples are correlated; batches of several
 * samples are much less so, which is why the batches and not the samples are the unit.
 */
export function pointInterval(result: PointResult): PointInterval {
  const { bucketMs, samples } = windowSamples(result);
  if (samples.length < 2) return { throughput: none(), p99: none(), samples: samples.length, bucketMs };
  const batches = batchesOf(samples);
  const throughputMeans = batches.map((batch) => mean(batch.map((sample) => sample.goodRps)));
  const p99Means = batches.flatMap((batch) => {
    const responses = batch.reduce((sum, sample) => sum + (sample.p99Ms > 0 ? sample.responses : 0), 0);
    return responses === 0 ? [] : [batch.reduce((sum, sample) => sum + (sample.p99Ms > 0 ? sample.p99Ms * sample.responses : 0), 0) / responses];
  });
  return {
    throughput: around(result.throughputRps, halfWidth(throughputMeans)),
    p99: p99Means.length < 2 ? none() : around(result.latencyMs.p99, halfWidth(p99Means)),
    samples: samples.length,
    bucketMs,
  };
}

function batchesOf<T>(samples: readonly T[]): T[][] {
  const count = Math.min(BATCHES, samples.length);
  const size = Math.floor(samples.length / count);
  // A remainder is dropped from the start of the window, where the load is least settled.
  const start = samples.length - count * size;
  return Array.from({ length: count }, (_, index) => samples.slice(start + index * size, start + (index + 1) * size));
}

/** t * standard error of the mean of `values`. */
export function halfWidth(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const average = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1);
  return tQuantile975(values.length - 1) * Math.sqrt(variance / values.length);
}

const around = (center: number, half: number): ConfidenceInterval =>
  Number.isFinite(half) ? { low: Math.max(0, center - half), high: center + half, level: INTERVAL_LEVEL } : none();

/** A load level with its repetitions pooled. */
export interface LevelEstimate {
  throughputRps: number;
  throughput: ConfidenceInterval;
  p99Ms: number;
  p99: ConfidenceInterval;
  repetitions: number;
  /** Spread of the repetitions' throughputs (sample standard deviation / mean, %); null with one repetition. */
  repetitionCvPct: number | null;
}

/** What a level's pooling needs of each repetition (a PointFinding has these). */
export interface RepetitionFigures {
  throughputRps: number;
  throughputInterval: ConfidenceInterval;
  p99LatencyMs: number;
  p99Interval: ConfidenceInterval;
}

/**
 * The mean over repetitions, with the wider of two half-widths: the repetitions' own intervals pooled
 * (sqrt of summed squares / k: what the windows' noise allows) and the t-interval of the repetitions' spread
 * (run-to-run drift, which a single window cannot see). With one repetition only the first exists.
 */
export function levelEstimate(repetitions: readonly RepetitionFigures[]): LevelEstimate {
  const halfOf = (interval: ConfidenceInterval, center: number): number => Math.max(interval.high - center, center - interval.low);
  const pooled = (halves: number[]): number => Math.sqrt(halves.reduce((sum, half) => sum + half ** 2, 0)) / halves.length;
  const combine = (values: number[], halves: number[]): ConfidenceInterval => {
    const within = pooled(halves);
    const between = values.length >= 2 ? halfWidth(values) : NaN;
    const half = Number.isFinite(between) ? Math.max(between, Number.isFinite(within) ? within : 0) : within;
    return around(mean(values), half);
  };
  const throughputs = repetitions.map((figures) => figures.throughputRps);
  const p99s = repetitions.map((figures) => figures.p99LatencyMs);
  const throughputRps = mean(throughputs);
  const spread =
    throughputs.length >= 2 && throughputRps > 0
      ? (Math.sqrt(throughputs.reduce((sum, value) => sum + (value - throughputRps) ** 2, 0) / (throughputs.length - 1)) / throughputRps) * 100
      : null;
  return {
    throughputRps,
    throughput: combine(throughputs, repetitions.map((figures) => halfOf(figures.throughputInterval, figures.throughputRps))),
    p99Ms: mean(p99s),
    p99: combine(p99s, repetitions.map((figures) => halfOf(figures.p99Interval, figures.p99LatencyMs))),
    repetitions: repetitions.length,
    repetitionCvPct: spread,
  };
}

/** Half the interval's width as a percentage of its centre figure; NaN without an interval. */
export function relativeHalfWidthPct(interval: ConfidenceInterval, center: number): number {
  return center > 0 ? ((interval.high - interval.low) / 2 / center) * 100 : NaN;
}
