import { createHistogram, encodeHistogram, mergeHistograms, recordMicros, type Histogram } from '../../metrics/histogram.js';
import type { WorkerPhaseResult, WorkerProgress } from './protocol.js';

interface Second {
  requests: number;
  errors: number;
  latency: Histogram;
}

/** Status classes 0xx-9xx, counted in an array so the hot path builds no strings. */
const STATUS_CLASSES = 10;

/**
 * A worker's recording of completed requests, split by phase on the *completion* time:
 * warm-up [start, measureStart), measured window [measureStart, measureEnd), drain (after measureEnd,
 * counted only as drained). All times are this thread's performance.now() milliseconds.
 * Latency histograms hold requests that got a response (any status); transport errors (refused, reset,
 * timeout, closed, other) are counted but have no meaningful latency.
 * Each latency is recorded once, into its second of the timeline; the phase histogram is the exact merge
 * of those seconds (bucket counts added), built when the result is taken.
 */
export class PhaseRecorder {
  requests = 0;
  errors = 0;
  bytesSent = 0;
  bytesReceived = 0;
  readonly errorsByKind: Record<string, number> = {};
  readonly serviceTime: Histogram | undefined;
  readonly seconds: Array<Second | undefined> = [];
  private readonly statusClassCounts: number[] = new Array<number>(STATUS_CLASSES).fill(0);
  /** The second completions currently land in, and its bounds: most completions skip the index arithmetic. */
  private current: Second | undefined;
  private currentFromMs = 0;
  private currentToMs = 0;

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
    let second = this.current;
    if (second === undefined || completedMs < this.currentFromMs || completedMs >= this.currentToMs) second = this.enterSecond(completedMs);
    second.requests++;
    if (status > 0) {
      this.statusClassCounts[Math.min(STATUS_CLASSES - 1, Math.floor(status / 100))]!++;
      recordMicros(second.latency, latencyUs);
      if (this.serviceTime !== undefined) recordMicros(this.serviceTime, serviceUs);
    }
    if (errorKind !== undefined) {
      this.errors++;
      second.errors++;
      this.errorsByKind[errorKind] = (this.errorsByKind[errorKind] ?? 0) + 1;
    }
  }

  /** Index of the timeline second a completion at `completedMs` belongs to. */
  secondIndexAt(completedMs: number): number {
    return Math.max(0, Math.floor((completedMs - this.startMs) / 1000));
  }

  private enterSecond(completedMs: number): Second {
    const index = this.secondIndexAt(completedMs);
    let second = this.seconds[index];
    if (second === undefined) {
      second = { requests: 0, errors: 0, latency: createHistogram() };
      this.seconds[index] = second;
    }
    this.current = second;
    // Second 0 also takes anything before the start (clamped above).
    this.currentFromMs = index === 0 ? Number.NEGATIVE_INFINITY : this.startMs + index * 1000;
    this.currentToMs = this.startMs + (index + 1) * 1000;
    return second;
  }

  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    this.statusClassCounts.forEach((count, statusClass) => {
      if (count > 0) counts[`${statusClass}xx`] = count;
    });
    return counts;
  }

  /** Every latency of this phase: the exact merge of its seconds. */
  latency(): Histogram {
    return mergeHistograms(this.seconds.flatMap((second) => (second === undefined ? [] : [second.latency])));
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
      statusCounts: this.statusCounts(),
      errorsByKind: { ...this.errorsByKind },
      latencyUs: encodeHistogram(this.latency()),
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
  private recentRequests = 0;
  /** Where the previous progress message ended: phase (0 warm-up, 1 window, 2 drain), second, and that
   * second's latencies at the time, so "recent" is exact without recording every latency twice. */
  private mark = { phase: 0, index: 0 };
  private readonly markSnapshot: Histogram = createHistogram();
  private readonly recent: Histogram = createHistogram();

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
    this.recentRequests++;
  }

  /** Figures for one progress message: latencies completed since the previous one. */
  takeProgress(nowMs: number): WorkerProgress {
    const phase = this.phaseAt(nowMs);
    const current = phase === 'warmup' ? this.warmup : this.window;
    const phases = [this.warmup, this.window];
    const now = { phase: phase === 'warmup' ? 0 : phase === 'measure' ? 1 : 2, index: 0 };
    if (now.phase < 2) now.index = phases[now.phase]!.secondIndexAt(nowMs);
    // Completions only move forward in time: everything since the mark lies in the seconds from the mark's
    // second to now's, and the mark's second held markSnapshot's latencies at the previous message.
    const recent = this.recent;
    recent.reset();
    for (let phaseIndex = this.mark.phase; phaseIndex <= Math.min(now.phase, 1); phaseIndex++) {
      const seconds = phases[phaseIndex]!.seconds;
      const from = phaseIndex === this.mark.phase ? this.mark.index : 0;
      const to = phaseIndex === now.phase ? Math.min(now.index, seconds.length - 1) : seconds.length - 1;
      for (let index = from; index <= to; index++) {
        const second = seconds[index];
        if (second !== undefined) recent.add(second.latency);
      }
    }
    if (this.markSnapshot.totalCount > 0) recent.subtract(this.markSnapshot);
    this.mark = now;
    this.markSnapshot.reset();
    const markSecond = now.phase < 2 ? phases[now.phase]!.seconds[now.index] : undefined;
    if (markSecond !== undefined) this.markSnapshot.add(markSecond.latency);
    const progress: WorkerProgress = {
      phase,
      requests: current.requests,
      errors: current.errors,
      recentLatencyUs: encodeHistogram(recent),
      recentRequests: this.recentRequests,
    };
    this.recentRequests = 0;
    return progress;
  }
}
