/**
 * Analysis types shared by its parts (run analysis, fits, capacity, regression). Each part owns its own:
 * run-analysis/types.ts (RunAnalysis, analysis.json), fit/types.ts (USL and leave-one-out),
 * capacity/types.ts (CapacityPlan), regression/types.ts (RegressionReport).
 *
 * Every number that cannot be computed honestly is replaced by a `notFitted`/`none` variant with a reason in
 * words. Infinity never appears (it does not survive JSON): "none" is `null` plus a note.
 * Models and their assumptions are explained in docs/analysis.md.
 */
import type { Api } from '../scenario/types.js';
import type { BaselinePoint, BaselineSet, MachineDescription } from '../baselines/types.js';

export type { BaselinePoint, BaselineSet, MachineDescription };

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces

export interface ConfidenceInterval {
  low: number;
  high: number;
  /** 0.95 for a 95 % interval. */
  level: number;
  /**
   * Set when the point estimate lies outside this percentile interval (a skewed or mixed bootstrap
   * distribution): the reason in words. Such an interval must not be printed as if it were fine.
   */
  unreliable?: string;
}

/** How intervals were computed, stated once per result so a reader never has to guess. */
export interface IntervalMethod {
  /**
   * `bootstrap-residuals`: USL fits, relative residuals resampled onto the fitted curve at the measured N.
   * `bootstrap-blocks`: the regression gate, moving blocks of consecutive per-second samples.
   */
  kind: 'bootstrap-residuals' | 'bootstrap-blocks';
  resamples: number;
  seed: number;
  level: number;
  /** Resamples whose refit failed or was degenerate, left out of the interval. */
  failedResamples?: number;
}

/** The sweep coordinates of a point, without load level and repetition. */
export interface SeriesCoordinates {
  /** PlanPoint.seriesKey, e.g. `echo-1KiB-30ms`. */
  seriesKey: string;
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  model: 'closed' | 'open';
}
