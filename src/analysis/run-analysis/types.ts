/**
 * The run analysis contract: typed findings computed from a StoredRun by pure functions (no I/O).
 * `analyzeRun()` returns RunAnalysis (written as analysis.json); reports build their charts and sections on it.
 */
import type { LooValidation, UslOutcome } from '../fit/types.js';
import type { ConfidenceInterval, SeriesCoordinates } from '../types.js';
import type { BaselineLayout, BaselineSet, MachineDescription } from '../../baselines/types.js';
import type { Api, RequestMethod } from '../../scenario/types.js';

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

/** CPU (100 = one core) and peak RSS of one component over a point's measured window, summed over its processes. */
export interface ComponentLoad {
  cpuPercent: number;
  rssBytes: number;
  processes: number;
  /** The roles it was read from, e.g. `nginx-master, nginx-worker` (src/analysis/run-analysis/utilisation.ts). */
  source: string;
}

export interface PointUtilisation {
  /** null: unknown (not started by gatebench and no telemetry); gatewayUnknown says why. */
  gateway: ComponentLoad | null;
  backend: ComponentLoad | null;
  generator: ComponentLoad;
  /** throughput / (gateway CPU / 100): the requests one gateway CPU-second serves; null when its CPU is unknown. */
  requestsPerGatewayCpuSecond: number | null;
  gatewayUnknown?: string;
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
  /** 95 % intervals from the window's sub-second samples (NaN bounds when it had fewer than 2). */
  throughputInterval: ConfidenceInterval;
  p99Interval: ConfidenceInterval;
  limiting: LimitingComponent;
  /** From the engine (result.littlesLaw), copied so a report need not re-read the store. */
  littlesLaw: { offeredConcurrency: number; impliedConcurrency: number; ratio: number; ok: boolean };
  /** True when this point is left out of every fit (see RunAnalysis.excluded for why). */
  excluded: boolean;
  utilisation: PointUtilisation;
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

/** One load level of a series, its repetitions pooled (see analysis/point-intervals.ts). */
export interface SeriesLevel {
  concurrency?: number;
  rateRps?: number;
  throughputRps: number;
  throughputInterval: ConfidenceInterval;
  p99LatencyMs: number;
  p99Interval: ConfidenceInterval;
  repetitions: number;
  /** Spread of the repetitions' throughputs (sd / mean, %); null with one. */
  repetitionCvPct: number | null;
}

export interface SeriesAnalysis extends SeriesCoordinates {
  pointIds: string[];
  /** Every measured level (excluded points left out), in load order, with intervals. */
  levels: SeriesLevel[];
  /** The level with the highest measured throughput, with its interval; null when none was usable. */
  measuredPeak: SeriesLevel | null;
  usl: UslOutcome;
  latency: LatencyCurve;
  /** Leave-one-concurrency-out error of the USL fit; null when not fitted. */
  validation: LooValidation | null;
  /** The most requests one gateway CPU-second served at any included point; null when the gateway's CPU is unknown. */
  peakRequestsPerGatewayCpuSecond: { value: number; pointId: string } | null;
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
  /** POST: sizes are request bodies (as WSO2's); GET: sizes are the responses asked for. */
  method: RequestMethod;
  machine: MachineDescription;
  settings: AnalysisSettings;
  points: PointFinding[];
  excluded: ExcludedPoint[];
  series: SeriesAnalysis[];
  sizeModels: SizeModel[];
  mediation: MediationCost;
  predictions: Prediction[];
  comparisons: BaselineComparison[];
  reproducibility: Reproducibility;
  /** Run-level remarks, e.g. `run status is interrupted: 3 of 24 planned points missing`. */
  notes: string[];
}

/** How far a run's figures can be trusted to repeat, in figures and in words. */
export interface Reproducibility {
  /** Median and widest 95 % half-width of the points' throughput, % of the figure; null when no point had an interval. */
  throughputHalfWidthPct: { median: number; max: number; points: number } | null;
  p99HalfWidthPct: { median: number; max: number; points: number } | null;
  /** Levels measured more than once: median and largest CV of their throughputs. null without repetitions. */
  repetitionCvPct: { median: number; max: number; levels: number } | null;
  /** From the manifest: whether a warm start ran and whether the components were pinned. null when not recorded. */
  primed: boolean | null;
  pinned: boolean | null;
  /** The reading in words, limits first. */
  summary: string[];
}
