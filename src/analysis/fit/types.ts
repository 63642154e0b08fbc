/** The fitted models' types: the Universal Scalability Law and leave-one-out validation (docs/analysis.md). */
import type { ConfidenceInterval, IntervalMethod } from '../types.js';

// ---------------------------------------------------------------------------------------------------------------
// Universal Scalability Law, per series

export interface UslParameters {
  /** Contention (serial fraction), >= 0. */
  sigma: number;
  /** Coherency (crosstalk) cost, >= 0. */
  kappa: number;
  /** Throughput of one user (req/s), > 0. */
  lambda: number;
}

export interface UslResidual {
  concurrency: number;
  repetition: number;
  measuredRps: number;
  fittedRps: number;
  residualRps: number;
}

export interface UslFitted {
  status: 'fitted';
  params: UslParameters;
  intervals: {
    sigma: ConfidenceInterval;
    kappa: ConfidenceInterval;
    lambda: ConfidenceInterval;
    /** null when too many resamples had no retrograde region for an interval to mean anything. */
    peakConcurrency: ConfidenceInterval | null;
    peakThroughputRps: ConfidenceInterval;
    method: IntervalMethod;
  };
  r2: number;
  residuals: UslResidual[];
  /**
   * N* = sqrt((1 - sigma) / kappa) when the peak is identified: inside the measured range, or beyond it (up to
   * 10x the largest N) only when at least 97.5 % of the bootstrap resamples also have a peak there. Otherwise
   * null: kappa = 0, N* further out, or a peak the resamples do not confirm (peakNote says which).
   */
  peakConcurrency: number | null;
  /**
   * X(N*) when N* is reported (beyond the measured range it is an extrapolation and peakNote says so; its
   * interval is X(N*) over the resamples); otherwise the fitted X at the largest measured N. Inside the
   * measured range and when no peak is reported, estimate and interval are the highest fitted X within the
   * measured range, X(min(N*, largest N)), of the fit and of each resample.
   */
  peakThroughputRps: number;
  /** How to read the peak, e.g. `no retrograde region within the measured range`. */
  peakNote: string;
  measuredRange: { minConcurrency: number; maxConcurrency: number };
  /** The fitted curve with its bootstrap band at each measured concurrency (for charts and capacity ranges); `unreliable` as in ConfidenceInterval. */
  band: Array<{ concurrency: number; fittedRps: number; lowRps: number; highRps: number; unreliable?: string }>;
  /** Points used (repetitions count separately) and distinct concurrency levels. */
  pointsUsed: number;
  distinctConcurrency: number;
}

export interface NotFitted {
  status: 'notFitted';
  /** Why, in words: too few points, R² below the threshold, N* far outside the measured range, open model ... */
  reason: string;
  pointsUsed: number;
  distinctConcurrency: number;
  /** The rejected fit, when one was made, so a reader can see what was refused. */
  rejected?: { params: UslParameters; r2: number; peakConcurrency: number | null };
}

export type UslOutcome = UslFitted | NotFitted;

// ---------------------------------------------------------------------------------------------------------------
// Leave-one-out validation

export interface LooFold {
  /** The left-out x (concurrency or bytes). */
  leftOut: number;
  measuredRps: number;
  /** null when the refit without this x failed. */
  predictedRps: number | null;
  errorPct: number | null;
}

export interface LooValidation {
  model: 'usl' | 'size';
  folds: LooFold[];
  meanAbsErrorPct: number | null;
  maxAbsErrorPct: number | null;
  /** Interior folds only: leaving out an end point is extrapolation, which we never offer. */
  note: string;
}
