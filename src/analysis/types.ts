/**
 * The analysis contract: typed findings computed from a StoredRun by pure functions (no I/O).
 * `analyzeRun()` returns RunAnalysis (written as analysis.json), `planCapacity()` returns CapacityPlan and
 * `compareRuns()` returns RegressionReport. Reports build their charts and sections on these types.
 *
 * Every number that cannot be computed honestly is replaced by a `notFitted`/`none` variant with a reason in
 * words. Infinity never appears (it does not survive JSON): "none" is `null` plus a note.
 * Models and their assumptions are explained in docs/analysis.md.
 */
import type { Api } from '../scenario/types.js';
import type { BaselineLayout, BaselinePoint, BaselineSet, MachineDescription } from '../baselines/types.js';

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

// ---------------------------------------------------------------------------------------------------------------
// Per point

export type LimitingComponentKind = 'backend-bound' | 'gateway-bound' | 'unknown';

export interface LimitingComponent {
  kind: LimitingComponentKind;
  /**
   * Closed model: users / (sleep + base network/gateway time + think time), the throughput the backend's sleep
   * alone would allow. null for the open model (there the offered rate is the ceiling).
   */
  backendCeilingRps: number | null;
  /** measured throughput / backendCeilingRps. backend-bound when >= the threshold (default 0.9). */
  ratioToCeiling: number | null;
  /** The base time (ms) added to the sleep: lowest-load mean latency minus sleep, from the same series. */
  baseTimeMs: number | null;
  explanation: string;
}

export interface PointFinding extends SeriesCoordinates {
  pointId: string;
  repetition: number;
  /** Closed model: users. */
  concurrency?: number;
  /** Open model: offered rate. */
  rateRps?: number;
  throughputRps: number;
  errorPct: number;
  meanLatencyMs: number;
  p90LatencyMs: number;
  p99LatencyMs: number;
  limiting: LimitingComponent;
  /** From the engine (result.littlesLaw), copied so a report need not re-read the store. */
  littlesLaw: { offeredConcurrency: number; impliedConcurrency: number; ratio: number; ok: boolean };
  /** True when this point is left out of every fit (see RunAnalysis.excluded for why). */
  excluded: boolean;
}

export interface ExcludedPoint {
  pointId: string;
  seriesKey: string;
  /** `generator-saturated`, `error-rate`, `no-requests`. */
  kinds: Array<'generator-saturated' | 'error-rate' | 'no-requests'>;
  /** In words, e.g. the generator's saturationReasons, or `error rate 12.5 % > 5 %`. */
  reasons: string[];
}

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
// Latency against concurrency

export interface LatencyMeasurement {
  concurrency: number;
  /** Mean over repetitions at this concurrency. */
  p99LatencyMs: number;
  p90LatencyMs: number;
  meanLatencyMs: number;
  repetitions: number;
}

/** R(N) = N / X(N) - Z (Little's law with think time Z) from the USL fit. */
export interface ResponseTimePoint {
  concurrency: number;
  responseTimeMs: number;
}

export type Knee =
  /** p99 crosses the SLO between two measured concurrencies; `concurrency` is linearly interpolated. */
  | { status: 'crossed'; sloP99Ms: number; concurrency: number; between: [number, number]; p99AtBoundsMs: [number, number] }
  | { status: 'below'; sloP99Ms: number; reason: string }
  | { status: 'above'; sloP99Ms: number; reason: string }
  | { status: 'noSlo'; reason: string };

export interface LatencyCurve {
  measured: LatencyMeasurement[];
  /** Empty when the USL fit was refused. */
  uslResponseTime: ResponseTimePoint[];
  thinkTimeMs: number;
  knee: Knee;
}

export interface SeriesAnalysis extends SeriesCoordinates {
  pointIds: string[];
  usl: UslOutcome;
  latency: LatencyCurve;
  /** Leave-one-concurrency-out error of the USL fit; null when not fitted. */
  validation: LooValidation | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Throughput against message size, and the cost of mediation

/** Points sharing api, sleep and concurrency: throughput as a function of size. */
export interface SizeSeriesKey {
  api: Api;
  backendSleepMs: number;
  concurrency: number;
}

export interface SizeModelFitted {
  status: 'fitted';
  /** `X(s) = 1 / (a + b*s)`: a fixed cost per request plus a cost per byte. */
  model: 'inverse-linear';
  /** Seconds per request at zero size. */
  aSecPerRequest: number;
  /** Seconds per request per byte. */
  bSecPerByte: number;
  /** R² on the throughput scale (not on 1/X). */
  r2: number;
  points: Array<{ messageSizeBytes: number; measuredRps: number; fittedRps: number }>;
  measuredRange: { minBytes: number; maxBytes: number };
}

export interface SizeModel extends SizeSeriesKey {
  fit: SizeModelFitted | NotFittedSize;
  validation: LooValidation | null;
}

export interface NotFittedSize {
  status: 'notFitted';
  reason: string;
  pointsUsed: number;
}

export interface MediationCostPoint {
  messageSizeBytes: number;
  backendSleepMs: number;
  concurrency: number;
  echoRps: number;
  mediationRps: number;
  /** mediation throughput / echo throughput; 1 means free, 0.3 means mediation keeps 30 %. */
  ratio: number;
}

export interface MediationCostBySize {
  messageSizeBytes: number;
  backendSleepMs: number;
  pointCount: number;
  meanRatio: number;
  minRatio: number;
  maxRatio: number;
}

export interface MediationCost {
  perPoint: MediationCostPoint[];
  bySize: MediationCostBySize[];
  /** Why it is empty, e.g. `the run measured only the echo API`. */
  note?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Predictions and their validation

export interface PredictionQuery {
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  concurrency: number;
}

export interface Prediction extends PredictionQuery {
  /** `usl`: interpolated along concurrency; `size`: along message size. */
  via: 'usl' | 'size';
  status: 'predicted' | 'refused';
  predictedRps: number | null;
  /** Mean absolute leave-one-out error of the model used, in percent; null when refused. */
  looMeanAbsErrorPct: number | null;
  /** Which series or size model was used, or why nothing was predicted (outside measured ranges ...). */
  note: string;
}

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

// ---------------------------------------------------------------------------------------------------------------
// Comparison with baselines

export interface PointComparison {
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  concurrency: number;
  oursRps: number;
  theirsRps: number;
  /** ours / theirs. */
  ratio: number;
  oursPerVcpuRps: number;
  /** null when the baseline machine's vCPU count is unknown. */
  theirsPerVcpuRps: number | null;
  perVcpuRatio: number | null;
  oursP99Ms: number;
  theirsP99Ms: number | null;
  theirsErrorPct: number | null;
  theirMachine: MachineDescription;
  theirSource: string;
}

export interface SeriesComparison {
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  /** Highest measured throughput in our series (mean over repetitions at each level; not the USL peak). */
  oursPeakRps: number;
  theirsPeakRps: number;
  ratio: number;
  oursKneeConcurrency: number | null;
  theirsKneeConcurrency: number | null;
  theirMachine: MachineDescription;
  note: string;
}

export interface BaselineComparison {
  baselineLabel: string;
  baselineFile: string;
  layout: BaselineLayout;
  /** Both machines, always: the hardware difference is never hidden. */
  ours: MachineDescription;
  theirs: MachineDescription[];
  points: PointComparison[];
  series: SeriesComparison[];
  /** e.g. `12 of our points have no baseline row with the same size/sleep/users`. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// The whole analysis

export interface AnalyzeOptions {
  /** Overrides the scenario's slo.p99Ms. */
  sloP99Ms?: number;
  baselines?: BaselineSet[];
  /** Bootstrap seed (default 1) and resamples (default 500). */
  seed?: number;
  resamples?: number;
  /** A USL fit below this R² is refused (default 0.9). */
  minR2?: number;
  /** Fewer distinct concurrencies than this: no USL fit (default 4). */
  minDistinctConcurrency?: number;
  /** Points above this error rate are excluded from fits (default 5 %). */
  maxErrorPct?: number;
  /** Throughput >= this fraction of the backend ceiling counts as backend-bound (default 0.9). */
  backendBoundFraction?: number;
  /** Extra points to predict; by default, midpoints between measured concurrencies. */
  predict?: PredictionQuery[];
}

export interface AnalysisSettings {
  sloP99Ms: number | null;
  sloSource: 'option' | 'scenario' | 'none';
  seed: number;
  resamples: number;
  minR2: number;
  minDistinctConcurrency: number;
  maxErrorPct: number;
  backendBoundFraction: number;
}

export interface RunAnalysis {
  schemaVersion: 1;
  runId: string;
  runDir: string;
  scenarioName: string;
  machine: MachineDescription;
  settings: AnalysisSettings;
  points: PointFinding[];
  excluded: ExcludedPoint[];
  series: SeriesAnalysis[];
  sizeModels: SizeModel[];
  mediation: MediationCost;
  predictions: Prediction[];
  comparisons: BaselineComparison[];
  /** Run-level remarks, e.g. `run status is interrupted: 3 of 24 planned points missing`. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Capacity planning

export interface MixEntry {
  /** Label for tables, e.g. `orders` from a mix file, or `echo`. */
  name: string;
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  /** Share of requests (normalized to sum 1). */
  weight: number;
}

export interface CapacityRequest {
  targetRps: number;
  mix: MixEntry[];
  sloP99Ms: number;
  headroomPct: number;
}

/** The capacity of one instance for one mix entry. */
export interface EntryCapacity {
  entry: MixEntry;
  /** The measured series used (exact size/sleep match), or how the entry was bridged (size model). */
  basis: string;
  /** Highest measured concurrency whose p99 <= SLO, and the throughput there (mean of repetitions). */
  concurrency: number;
  p99LatencyMs: number;
  perInstanceRps: number;
  /** Spread: min/max over repetitions, widened by the USL CI when fitted. */
  perInstanceLowRps: number;
  perInstanceHighRps: number;
}

export interface InstanceEstimate {
  /** Weighted harmonic combination of per-entry capacities: 1 / sum(w_i / C_i). */
  perInstanceRps: number;
  perInstanceLowRps: number;
  perInstanceHighRps: number;
  /** perInstanceRps * (1 - headroom). */
  usablePerInstanceRps: number;
  instances: number;
  /** From the high capacity (optimistic) and the low capacity (pessimistic). */
  instancesLow: number;
  instancesHigh: number;
  /** The arithmetic written out, one line per step. */
  working: string[];
}

export interface BaselinePlan {
  label: string;
  machine: MachineDescription;
  /** The rows used, verbatim, with their sources. */
  rows: BaselinePoint[];
  estimate: InstanceEstimate | null;
  /** Which rows were picked and why, or why none could be. */
  note: string;
}

export interface CapacityPlan {
  request: CapacityRequest;
  runId: string;
  machine: MachineDescription;
  perEntry: EntryCapacity[];
  estimate: InstanceEstimate;
  /** Concurrency each instance runs at (weighted by the mix). */
  concurrencyPerInstance: number;
  baselines: BaselinePlan[];
  warnings: string[];
}

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
