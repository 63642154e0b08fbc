/**
 * The results contract: what one point of load produced, whoever produced it (the built-in engine, the k6
 * runner, the k6 and JMeter importers). The store keeps it, analysis and reports read it. It lives here, not
 * in the engine, so that the stages reading results never depend on the stage that drives sockets.
 * Documented in docs/point-result.md; its zod schema is `./schema.ts`, its one builder `./build-point-result.ts`.
 */

export interface LatencySummaryMs {
  mean: number;
  stdev: number;
  min: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export interface TimelineSecond {
  /** Seconds since the start of the measured window (0-based). */
  second: number;
  requests: number;
  errors: number;
  /** Successful responses per second in this second (goodput; schema 2, was all requests in 1). */
  throughputRps: number;
  p50Ms: number;
  p99Ms: number;
}

/** One 100 ms slice of the measured window (`PointResult.timelineSlices`); `index` counts slices from the window's start. */
export interface TimelineSlice {
  index: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

/** Error kinds: `refused`, `reset`, `timeout`, `closed`, `check_failed`, `http_<code>`, `other`. */
export type ErrorsByKind = Record<string, number>;

/** Open model: what the generator offered. */
export interface OpenModelFigures {
  targetRps: number;
  sent: number;
  lateSends: number;
  droppedSends: number;
  maxInFlight: number;
}

/** Little's law: concurrency implied by throughput x (mean latency + think time) against what was offered. */
export interface LittlesLawCheck {
  offeredConcurrency: number;
  impliedConcurrency: number;
  ratio: number;
  ok: boolean;
}

export interface GeneratorFigures {
  workers: number;
  /** Process CPU over the measured window, 100 = one core. */
  cpuPct: number;
  eventLoopDelayP99Ms: number;
  saturated: boolean;
  /** Why `saturated` is set, in words. Empty when it is not. */
  saturationReasons: string[];
  rssBytesMax: number;
}

/**
 * Three rates per point (docs/point-result.md, "Throughput means answers"). Transport errors (refused, reset,
 * timeout, closed) are attempts, never throughput.
 */
export interface PointRates {
  /** Everything that completed in the window, socket errors included. */
  attemptsPerSec: number;
  /** HTTP responses of any status (what wrk calls Requests/sec). */
  responsesPerSec: number;
  /** Responses that passed every check (status class, echo bytes, response size): goodput. */
  successfulPerSec: number;
}

export interface PointResult {
  /** 2 since throughputRps means goodput (1: all completed requests, transport errors included). */
  schemaVersion: 2;
  driver: { name: string; version: string };
  model: 'closed' | 'open';
  startedAt: string;
  endedAt: string;
  /** Completed requests in the measured window (successful or not). */
  requests: number;
  errors: number;
  errorPct: number;
  /** Goodput: successful responses per second, the figure every capacity number is built on (= rates.successfulPerSec). */
  throughputRps: number;
  rates: PointRates;
  /** Latency; for the open model measured from the intended send time (coordinated-omission corrected). */
  latencyMs: LatencySummaryMs;
  /** Open model: time from the actual send to the response (what an uncorrected tool reports). */
  serviceTimeMs?: LatencySummaryMs;
  durationS: number;
  bytesSentPerSec: number;
  bytesReceivedPerSec: number;
  /** Responses by status class: `2xx`, `3xx`, `4xx`, `5xx`. */
  statusCounts: Record<string, number>;
  errorsByKind: ErrorsByKind;
  timeline: TimelineSecond[];
  /**
   * Built-in engine, windows of at most 2 minutes: the same timeline in 100 ms slices (for intervals over
   * sub-second samples). Longer windows keep only the per-second timeline.
   */
  timelineSlices?: { sliceMs: number; slices: TimelineSlice[] };
  /** The warm-up phase, measured but kept out of every figure above. */
  /** throughputRps here is goodput too. */
  warmup: { requests: number; errors: number; durationS: number; throughputRps: number; timeline: TimelineSecond[] };
  /** HDR histograms of microseconds, compressed base64 (hdr-histogram-js encoding); mergeable exactly. */
  histograms: { latencyUs: string; serviceTimeUs?: string; warmupLatencyUs?: string };
  open?: OpenModelFigures;
  generator: GeneratorFigures;
  littlesLaw: LittlesLawCheck;
  /** Optional (built-in engine): requests that completed after the measured window (counted nowhere else)
   * and those still in flight when the drain timed out. */
  drain?: { completed: number; abandoned: number };
  /** Optional: set when the point was stopped early by its AbortSignal; figures cover the shortened window. */
  interrupted?: boolean;
}

/** A point's pass/fail against the scenario's SLO (`src/results/slo-verdict.ts`), stored beside its result. */
export interface SloVerdict {
  pass: boolean;
  /** Why it failed, in words; empty when it passed or no SLO was set. */
  reasons: string[];
}
