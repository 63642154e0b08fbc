/**
 * Public entry points of the analysis stage: pure functions from stored runs to typed findings.
 * Contract (names and signatures stable): analyzeRun, planCapacity, compareRuns.
 */
import type { StoredRun } from '../store/types.js';
import { GatebenchError } from '../errors.js';
import type {
  AnalyzeOptions,
  BaselineSet,
  CapacityPlan,
  CapacityRequest,
  RegressionLimits,
  RegressionReport,
  RunAnalysis,
} from './types.js';

export type * from './types.js';

export interface PlanOptions {
  baselines?: BaselineSet[];
}

export interface CompareOptions {
  /** Bootstrap seed (default 1) and resamples (default 2000), 95 % intervals. */
  seed?: number;
  resamples?: number;
}

/** Fits, knees, size models, mediation cost, limiting component, predictions and baseline comparisons. */
export function analyzeRun(run: StoredRun, options: AnalyzeOptions = {}): RunAnalysis {
  void run;
  void options;
  throw new GatebenchError('GB_NOT_AVAILABLE', 'analyzeRun is not implemented yet (contract stub)');
}

/** Gateway instances needed for a target rate and mix, with a low/high range and the baselines' answer. */
export function planCapacity(run: StoredRun, request: CapacityRequest, options: PlanOptions = {}): CapacityPlan {
  void run;
  void request;
  void options;
  throw new GatebenchError('GB_NOT_AVAILABLE', 'planCapacity is not implemented yet (contract stub)');
}

/** Point-by-point regression verdicts with bootstrap intervals; never throws on a regression (see report.regressed). */
export function compareRuns(
  baseline: StoredRun,
  candidate: StoredRun,
  limits: RegressionLimits,
  options: CompareOptions = {},
): RegressionReport {
  void baseline;
  void candidate;
  void limits;
  void options;
  throw new GatebenchError('GB_NOT_AVAILABLE', 'compareRuns is not implemented yet (contract stub)');
}
