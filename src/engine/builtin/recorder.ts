import { createHistogram, encodeHistogram, recordMicros, type Histogram } from '../../metrics/histogram.js';
import type { WorkerPhaseResult, WorkerProgress } from './protocol.js';

/**
 * A worker's recording of completed requests, split by phase on the *completion* time:
 * warm-up [start, measureStart), measured window [measureStart, measureEnd), drain (after measureEnd,
 * counted only as drained). All times are this thread's performance.now() milliseconds.
 * Latency histograms hold requests that got a response (any status); transport errors (refused, reset,
 * timeout, closed, other) are counted but have no meaningful latency.
 */
export class PhaseRecorder {
  requests = 0;
  errors = 0;
  bytesSent = 0;
  bytesReceived = 0;
  readonly statusCounts: Record<string, number> = {};
  readonly errorsByKind: Record<string, number> = {};
  readonly latency: Histogram = createHistogram();
  readonly serviceTime: Histogram | undefined;
  private readonly seconds: Array<{ requests: number; errors: number; latency: Histogram } | undefined> = [];

  constructor(
    private readonly startMs: number,
    withServiceTime: boolean,
  ) {
    this.serviceTime = withServiceTime ? createHistogram() : undefined;
  }

  record(completedMs: number, latencyUs: number, serviceUs: number, status: number, errorKind: string | undefined, sentBytes: number, receivedBytes: number): void {
    this.requests++;
    this.bytesSent += sentBytes;
    this.bytesReceived += receivedBytes;
    const second = this.secondAt(completedMs);
    second.requests++;
    if (status > 0) {
      const statusClass = `${Math.floor(status / 100)}xx`;
      this.statusCounts[statusClass] = (this.statusCounts[statusClass] ?? 0) + 1;
      recordMicros(this.latency, latencyUs);
      recordMicros(second.latency, latencyUs);
      if (this.serviceTime !== undefined) recordMicros(this.serviceTime, serviceUs);
    }
    if (errorKind !== undefined) {
      this.errors++;
      second.errors++;
      this.errorsByKind[errorKind] = (this.errorsByKind[errorKind] ?? 0) + 1;
    }
  }

  private secondAt(completedMs: number): { requests: number; errors: number; latency: Histogram } {
    const index = Math.max(0, Math.floor((completedMs - this.startMs) / 1000));
    let second = this.seconds[index];
    if (second === undefined) {
      second = { requests: 0, errors: 0, latency: createHistogram() };
      this.seconds[index] = second;
    }
    return second;
  }

  toResult(): WorkerPhaseResult {
    const timeline = [];
    for (let index = 0; index < this.seconds.length; index++) {
      const second = this.seconds[index];
      if (second === undefined) continue;
      timeline.push({ second: index, requests: second.requests, errors: second.errors, latencyUs: encodeHistogram(second.latency) });
    }
    return {
      requests: this.requests,
      errors: this.errors,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      statusCounts: { ...this.statusCounts },
      errorsByKind: { ...this.errorsByKind },
      latencyUs: encodeHistogram(this.latency),
      ...(this.serviceTime === undefined ? {} : { serviceTimeUs: encodeHistogram(this.serviceTime) }),
      timeline,
    };
  }
}

export type Phase = 'warmup' | 'measure' | 'drain';

/** Routes each completion to its phase and keeps the in-flight integral and progress figures. */
export class Recorder {
  readonly warmup: PhaseRecorder;
  readonly window: PhaseRecorder;
  drained = 0;
  inFlight = 0;
  inFlightAreaMs = 0;
  private lastChangeMs: number;
  private recent: Histogram = createHistogram();
  private recentRequests = 0;

  constructor(
    readonly startMs: number,
    readonly measureStartMs: number,
    public measureEndMs: number,
    withServiceTime: boolean,
  ) {
    this.warmup = new PhaseRecorder(startMs, withServiceTime);
    this.window = new PhaseRecorder(measureStartMs, withServiceTime);
    this.lastChangeMs = measureStartMs;
  }

  phaseAt(nowMs: number): Phase {
    if (nowMs < this.measureStartMs) return 'warmup';
    return nowMs < this.measureEndMs ? 'measure' : 'drain';
  }

  /** Called on every send (+1) and completion (-1); integrates in-flight over the measured window only. */
  changeInFlight(nowMs: number, delta: number): void {
    const from = Math.max(this.lastChangeMs, this.measureStartMs);
    const to = Math.min(nowMs, this.measureEndMs);
    if (to > from) this.inFlightAreaMs += this.inFlight * (to - from);
    if (nowMs > this.lastChangeMs) this.lastChangeMs = nowMs;
    this.inFlight += delta;
  }

  record(completedMs: number, latencyUs: number, serviceUs: number, status: number, errorKind: string | undefined, sentBytes: number, receivedBytes: number): void {
    this.changeInFlight(completedMs, -1);
    const phase = this.phaseAt(completedMs);
    if (phase === 'drain') {
      this.drained++;
      return;
    }
    const target = phase === 'warmup' ? this.warmup : this.window;
    target.record(completedMs, latencyUs, serviceUs, status, errorKind, sentBytes, receivedBytes);
    if (status > 0) recordMicros(this.recent, latencyUs);
    this.recentRequests++;
  }

  /** Figures for one progress message; resets the recent-latency histogram. */
  takeProgress(nowMs: number): WorkerProgress {
    const phase = this.phaseAt(nowMs);
    const current = phase === 'warmup' ? this.warmup : this.window;
    const progress: WorkerProgress = {
      phase,
      requests: current.requests,
      errors: current.errors,
      recentLatencyUs: encodeHistogram(this.recent),
      recentRequests: this.recentRequests,
    };
    this.recent.reset();
    this.recentRequests = 0;
    return progress;
  }
}
