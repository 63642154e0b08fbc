import { performance } from 'node:perf_hooks';
import {
  createHistogram,
  encodeHistogram,
  mergeEncoded,
  recordMicros,
  type Histogram,
} from '../src/metrics/histogram.js';
import { summarizeMs } from '../src/results/latency-summary.js';

/**
 * Counters one worker keeps on its hot path (plain numbers and a typed array: nothing allocated per request),
 * the snapshot it sends to the primary, and the merge of snapshots into the admin `GET /stats` answer.
 */

const EVENT_LOOP_SAMPLE_MS = 20;

/** Counts since the last reset (the first seven) and current gauges (the last three). */
export interface BackendCounters {
  requests: number;
  bytesIn: number;
  bytesOut: number;
  clientAborts: number;
  drops: number;
  stalls: number;
  badRequests: number;
  pendingSleeps: number;
  inFlight: number;
  openConnections: number;
}

/** What one worker reports; histograms travel encoded so the primary merges them exactly. */
export interface WorkerSnapshot extends BackendCounters {
  workerId: number;
  pid: number;
  sinceEpochMs: number;
  responsesByStatus: Record<string, number>;
  cpuUserUs: number;
  cpuSystemUs: number;
  sleepOvershootHistogram: string;
  eventLoopDelayHistogram: string;
}

export class WorkerStats {
  requests = 0;
  bytesIn = 0;
  bytesOut = 0;
  clientAborts = 0;
  drops = 0;
  stalls = 0;
  badRequests = 0;
  /** Responses by status code, indexed by the code. */
  readonly statuses = new Float64Array(600);
  /** Gauges: current values, not cleared by reset (open connections are counted by the caller, see snapshot). */
  pendingSleeps = 0;
  inFlight = 0;
  /** Actual minus requested sleep, in microseconds. */
  private overshoot: Histogram = createHistogram();
  private loopDelay: Histogram = createHistogram();
  private sinceEpochMs = Date.now();
  private cpuBase = process.cpuUsage();
  private sampler: NodeJS.Timeout | undefined;

  /** Samples event-loop delay as the lateness of a 20 ms interval timer. */
  startSampling(): void {
    let expected = performance.now() + EVENT_LOOP_SAMPLE_MS;
    this.sampler = setInterval(() => {
      const now = performance.now();
      recordMicros(this.loopDelay, (now - expected) * 1000);
      expected = now + EVENT_LOOP_SAMPLE_MS;
    }, EVENT_LOOP_SAMPLE_MS);
    this.sampler.unref();
  }

  stopSampling(): void {
    if (this.sampler !== undefined) clearInterval(this.sampler);
  }

  recordOvershootMs(overshootMs: number): void {
    recordMicros(this.overshoot, overshootMs * 1000);
  }

  reset(): void {
    this.requests = this.bytesIn = this.bytesOut = 0;
    this.clientAborts = this.drops = this.stalls = this.badRequests = 0;
    this.statuses.fill(0);
    this.overshoot = createHistogram();
    this.loopDelay = createHistogram();
    this.sinceEpochMs = Date.now();
    this.cpuBase = process.cpuUsage();
  }

  /** `openConnections` is the gauge the caller keeps (the worker's idle sweeper tracks every open connection). */
  snapshot(workerId: number, openConnections: number): WorkerSnapshot {
    const responsesByStatus: Record<string, number> = {};
    this.statuses.forEach((count, status) => {
      if (count > 0) responsesByStatus[String(status)] = count;
    });
    const cpu = process.cpuUsage(this.cpuBase);
    return {
      workerId,
      pid: process.pid,
      sinceEpochMs: this.sinceEpochMs,
      requests: this.requests,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      clientAborts: this.clientAborts,
      drops: this.drops,
      stalls: this.stalls,
      badRequests: this.badRequests,
      responsesByStatus,
      pendingSleeps: this.pendingSleeps,
      inFlight: this.inFlight,
      openConnections,
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      sleepOvershootHistogram: encodeHistogram(this.overshoot),
      eventLoopDelayHistogram: encodeHistogram(this.loopDelay),
    };
  }
}

export interface PercentilesMs {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** `GET /stats`: counters since the last reset, summed over workers; gauges are current values. */
export interface BackendStats extends BackendCounters {
  workers: number;
  sinceEpochMs: number;
  elapsedMs: number;
  responsesByStatus: Record<string, number>;
  /** Actual minus requested sleep (requested = sampled sleep + stall), over every slept request. */
  sleepOvershootMs: PercentilesMs;
  /** Encoded HDR histogram (µs) of the same, for exact merging by a caller. */
  sleepOvershootHistogram: string;
  /** Lateness of a 20 ms timer in each worker, merged. */
  eventLoopDelayMs: PercentilesMs;
  /** CPU time of the workers (and, in cluster mode, the primary) since the reset. */
  cpu: { userMs: number; systemMs: number };
  perWorker: Array<{ workerId: number; pid: number; requests: number; bytesIn: number; bytesOut: number; cpuUserMs: number; cpuSystemMs: number }>;
}

const SUMMED: Array<keyof BackendCounters> = ['requests', 'bytesIn', 'bytesOut', 'clientAborts', 'drops', 'stalls', 'badRequests', 'pendingSleeps', 'inFlight', 'openConnections'];

function percentiles(histogram: Histogram): PercentilesMs {
  const summary = summarizeMs(histogram);
  return { count: histogram.totalCount, mean: summary.mean, p50: summary.p50, p99: summary.p99, max: summary.max };
}

/** Sums worker snapshots; `extraCpuUs` is the primary's own CPU time in cluster mode. */
export function mergeSnapshots(snapshots: WorkerSnapshot[], extraCpuUs = { user: 0, system: 0 }): BackendStats {
  const totals = Object.fromEntries(SUMMED.map((key) => [key, snapshots.reduce((sum, snap) => sum + snap[key], 0)])) as unknown as BackendCounters;
  const responsesByStatus: Record<string, number> = {};
  for (const snap of snapshots) {
    for (const [status, count] of Object.entries(snap.responsesByStatus)) responsesByStatus[status] = (responsesByStatus[status] ?? 0) + count;
  }
  const overshoot = mergeEncoded(snapshots.map((snap) => snap.sleepOvershootHistogram));
  const since = Math.min(...snapshots.map((snap) => snap.sinceEpochMs));
  return {
    workers: snapshots.length,
    sinceEpochMs: since,
    elapsedMs: Date.now() - since,
    ...totals,
    responsesByStatus,
    sleepOvershootMs: percentiles(overshoot),
    sleepOvershootHistogram: encodeHistogram(overshoot),
    eventLoopDelayMs: percentiles(mergeEncoded(snapshots.map((snap) => snap.eventLoopDelayHistogram))),
    cpu: {
      userMs: (snapshots.reduce((sum, snap) => sum + snap.cpuUserUs, 0) + extraCpuUs.user) / 1000,
      systemMs: (snapshots.reduce((sum, snap) => sum + snap.cpuSystemUs, 0) + extraCpuUs.system) / 1000,
    },
    perWorker: snapshots.map((snap) => ({
      workerId: snap.workerId,
      pid: snap.pid,
      requests: snap.requests,
      bytesIn: snap.bytesIn,
      bytesOut: snap.bytesOut,
      cpuUserMs: snap.cpuUserUs / 1000,
      cpuSystemMs: snap.cpuSystemUs / 1000,
    })),
  };
}
