/**
 * The fixed messages between the coordinator (main thread) and a load worker thread:
 * main -> worker: `start`, `stop`; worker -> main: `ready`, `progress`, `slices`, `result`, `failed`.
 * Phase histograms cross the thread boundary as encoded strings (src/metrics/histogram.ts) and are merged in main;
 * timeline slices stream over as they close (`slices`, about once a second), so no worker keeps a timeline.
 */
import type { CompactEncoded } from '../../metrics/compact-histogram.js';
import type { CheckSpec, EngineClient } from '../types.js';
import type { ErrorsByKind } from '../../results/types.js';

/** This worker's share of the workload. */
export type WorkerModel =
  | { kind: 'closed'; users: number; firstUserIndex: number; totalUsers: number; rampUpMs: number; thinkTimeMs: number }
  | {
      kind: 'open';
      /** Rate profile of the whole point divided by the worker count. */
      rateRps: number;
      stages: Array<{ durationMs: number; targetRps: number }>;
      /** Fraction of an interval by which this worker's sends are shifted, so workers interleave. */
      phaseOffset: number;
      maxInFlight: number;
    };

export interface WorkerConfig {
  workerIndex: number;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  model: WorkerModel;
  /** Phase boundaries as epoch milliseconds (performance.timeOrigin + performance.now()). */
  startAtEpochMs: number;
  warmupMs: number;
  durationMs: number;
  drainTimeoutMs: number;
  timeoutMs: number;
  checks: CheckSpec;
  /** This worker's share of LoadOptions.maxRequests; undefined when unbounded. */
  maxRequests?: number;
  tls?: { ca?: string; insecure: boolean };
  client: EngineClient;
  /** Whether to post `progress` messages: only when the caller gave a progress hook. */
  progress: boolean;
}

/** One 100 ms slice of a phase's timeline from one worker (src/engine/builtin/recorder.ts). */
export interface WorkerSlice {
  phase: 'warmup' | 'measure';
  /** Slices since the phase's start (0-based). */
  index: number;
  requests: number;
  errors: number;
  /** Latencies of the slice's responses, as a sparse compact histogram (src/metrics/compact-histogram.ts). */
  latency: CompactEncoded;
}

export interface WorkerPhaseResult {
  requests: number;
  errors: number;
  bytesSent: number;
  bytesReceived: number;
  statusCounts: Record<string, number>;
  errorsByKind: ErrorsByKind;
  latencyUs: string;
  serviceTimeUs?: string;
}

export interface WorkerResult {
  workerIndex: number;
  warmup: WorkerPhaseResult;
  window: WorkerPhaseResult;
  /** Epoch ms where this worker's measured window really ended (earlier than planned on stop or maxRequests). */
  windowEndEpochMs: number;
  /** Time-weighted integral of requests in flight over the measured window (request-milliseconds). */
  inFlightAreaMs: number;
  /** Requests that completed during the drain (counted nowhere else) and those still in flight at its end. */
  drain: { completed: number; abandoned: number };
  /** Open model: sends in the window; late = over 10 ms after the intended time (waiting for a connection or
   * lagging); lagging = late although a connection was free; targetSends = the schedule's sends in the window. */
  open?: { sent: number; lateSends: number; laggingSends: number; droppedSends: number; targetSends: number };
  eventLoopDelayP99Ms: number;
  /** The last timeline slices of both phases, not yet posted in a `slices` message. */
  slices: WorkerSlice[];
}

export interface WorkerProgress {
  phase: 'warmup' | 'measure' | 'drain';
  /** Completed in the current phase so far. */
  requests: number;
  errors: number;
  /** Latencies since the previous progress message. */
  recentLatency: CompactEncoded;
  recentRequests: number;
  /** Completions and HTTP responses (any status) since the first request, all phases. */
  sinceStart: { completed: number; responses: number };
}

export type MainToWorker = { type: 'start'; config: WorkerConfig } | { type: 'stop' };

export type WorkerToMain =
  | { type: 'ready' }
  | { type: 'progress'; workerIndex: number; progress: WorkerProgress }
  | { type: 'slices'; workerIndex: number; slices: WorkerSlice[] }
  | { type: 'result'; result: WorkerResult }
  | { type: 'failed'; workerIndex: number; message: string };
