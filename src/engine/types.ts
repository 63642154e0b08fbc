/**
 * The engine's contract. A Driver runs one point and returns a PointResult: plain, versioned data.
 * The built-in engine and the k6 runner both implement Driver. Documented in docs/point-result.md.
 */

export interface RateStage {
  /** Length of this stage. */
  durationMs: number;
  /** Rate reached at the end of the stage, ramping linearly from the previous stage's end. */
  targetRps: number;
}

export type WorkloadModel =
  | { kind: 'closed'; users: number; rampUpMs: number; thinkTimeMs: number }
  | {
      kind: 'open';
      /** Constant rate, or the starting rate when stages are given. */
      rateRps: number;
      stages?: RateStage[];
      /** Cap on requests in flight; sends past it are counted as dropped. */
      maxInFlight: number;
    };

export interface RequestSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Exact body bytes, built once and reused. */
  body?: Uint8Array;
}

export interface CheckSpec {
  /** Expected status class, e.g. 2 for 2xx. Default 2. */
  statusClass?: number;
  /** Expected response body length in bytes. */
  responseBytes?: number;
  /** The response body must equal the request body. */
  echo?: boolean;
}

export interface LoadOptions {
  request: RequestSpec;
  model: WorkloadModel;
  warmupMs: number;
  durationMs: number;
  /** How long to wait for in-flight requests after the measured window. */
  drainTimeoutMs: number;
  timeoutMs: number;
  /** Worker threads; each records into its own histograms. */
  workers: number;
  checks: CheckSpec;
  /** Hard cap on requests (all phases), a safety bound; undefined means bounded by time only. */
  maxRequests?: number;
  tls?: { caFile?: string; insecure: boolean };
}

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
  throughputRps: number;
  p50Ms: number;
  p99Ms: number;
}

/** Error kinds: `refused`, `reset`, `timeout`, `closed`, `check_failed`, `http_<code>`, `other`. */
export type ErrorsByKind = Record<string, number>;

export interface PointResult {
  schemaVersion: 1;
  driver: { name: string; version: string };
  model: 'closed' | 'open';
  startedAt: string;
  endedAt: string;
  /** Completed requests in the measured window (successful or not). */
  requests: number;
  errors: number;
  errorPct: number;
  throughputRps: number;
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
  /** The warm-up phase, measured but kept out of every figure above. */
  warmup: { requests: number; errors: number; durationS: number; throughputRps: number; timeline: TimelineSecond[] };
  /** HDR histograms of microseconds, compressed base64 (hdr-histogram-js encoding); mergeable exactly. */
  histograms: { latencyUs: string; serviceTimeUs?: string; warmupLatencyUs?: string };
  open?: { targetRps: number; sent: number; lateSends: number; droppedSends: number; maxInFlight: number };
  generator: {
    workers: number;
    /** Process CPU over the measured window, 100 = one core. */
    cpuPct: number;
    eventLoopDelayP99Ms: number;
    saturated: boolean;
    /** Why `saturated` is set, in words. Empty when it is not. */
    saturationReasons: string[];
    rssBytesMax: number;
  };
  /** Little's law: concurrency implied by throughput x (mean latency + think time) against what was offered. */
  littlesLaw: { offeredConcurrency: number; impliedConcurrency: number; ratio: number; ok: boolean };
  /** Optional (built-in engine): requests that completed after the measured window (counted nowhere else)
   * and those still in flight when the drain timed out. */
  drain?: { completed: number; abandoned: number };
  /** Optional: set when the point was stopped early by its AbortSignal; figures cover the shortened window. */
  interrupted?: boolean;
}

export interface DriverCapabilities {
  openModel: boolean;
  liveProgress: boolean;
}

/**
 * Live figures for a progress bar, emitted about once a second. A driver that reports phases sends a tick with
 * the new phase at the moment each phase begins (the built-in engine: on its workers' shared clock), so a caller
 * can time its own measurements (e.g. process CPU) on the 'measure' and 'drain' ticks; phases never step back.
 */
export interface ProgressTick {
  phase: 'warmup' | 'measure' | 'drain';
  elapsedMs: number;
  requests: number;
  errors: number;
  currentRps: number;
  currentP99Ms: number;
}

export interface Driver {
  readonly name: string;
  readonly capabilities: DriverCapabilities;
  runPoint(options: LoadOptions, signal: AbortSignal, onProgress?: (tick: ProgressTick) => void): Promise<PointResult>;
}
