/** The regression gate's contract: `compareRuns()` returns RegressionReport (`gatebench compare --json`). */
import type { ConfidenceInterval, IntervalMethod } from '../types.js';
import type { MachineDescription } from '../../baselines/types.js';
import type { Api } from '../../scenario/types.js';

// ---------------------------------------------------------------------------------------------------------------
// Regression gate

export type Verdict = 'regression' | 'improvement' | 'no-change' | 'inconclusive';

export interface RatioEstimate {
  /** candidate / baseline. */
  ratio: number;
  interval: ConfidenceInterval;
  verdict: Verdict;
}

export interface PointRegression {
  /** pointId without the repetition suffix, e.g. `echo-1KiB-30ms-c100`. */
  matchKey: string;
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  concurrency?: number;
  rateRps?: number;
  baselinePointIds: string[];
  candidatePointIds: string[];
  baselineSeconds: number;
  candidateSeconds: number;
  throughput: RatioEstimate;
  p99: RatioEstimate;
  /** Worst of the two: regression > inconclusive > no-change > improvement. */
  verdict: Verdict;
}

export interface RegressionLimits {
  maxThroughputDropPct: number;
  maxP99RisePct: number;
}

export interface RegressionReport {
  schemaVersion: 1;
  baseline: { dir: string; runId: string; machine: MachineDescription };
  candidate: { dir: string; runId: string; machine: MachineDescription };
  limits: RegressionLimits;
  method: IntervalMethod;
  points: PointRegression[];
  baselineOnly: string[];
  candidateOnly: string[];
  counts: Record<Verdict, number>;
  /** True when at least one point is a confident regression (the CLI exits 1). */
  regressed: boolean;
  notes: string[];
}
