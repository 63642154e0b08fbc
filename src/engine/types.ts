import type { PointResult } from '../results/types.js';

/**
 * The engine's contract. A Driver runs one point and returns a PointResult: plain, versioned data defined by
 * the results contract (src/results/). The built-in engine and the k6 runner both implement Driver.
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

/**
 * The HTTP client of the built-in engine: `raw` (default) writes pre-encoded requests on keep-alive net/tls
 * sockets and parses responses itself; `undici` drives undici's Client (for what raw does not cover, e.g. proxies
 * or HTTP/2 later). Same checks, error kinds and histograms either way; docs/engine.md compares them.
 */
export type EngineClient = 'raw' | 'undici';

export const ENGINE_CLIENTS: readonly EngineClient[] = ['raw', 'undici'];

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
  /** HTTP client; default `raw`. */
  client?: EngineClient;
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
  /** Completions and HTTP responses (any status) since the first request, warm-up included; a driver that
   * cannot tell leaves it out. Responses 0 with completions > 0: nothing has answered (all transport errors). */
  sinceStart?: { completed: number; responses: number };
}

export interface Driver {
  readonly name: string;
  readonly capabilities: DriverCapabilities;
  runPoint(options: LoadOptions, signal: AbortSignal, onProgress?: (tick: ProgressTick) => void): Promise<PointResult>;
}
