import { CompactHistogram, type CompactEncoded } from '../../metrics/compact-histogram.js';
import { createHistogram, encodeHistogram, recordMicros, type Histogram } from '../../metrics/histogram.js';
import type { WorkerPhaseResult, WorkerProgress, WorkerSlice } from './protocol.js';

/** Status classes 0xx-9xx, counted in an array so the hot path builds no strings. */
const STATUS_CLASSES = 10;
/** Timeline slices are 100 ms: the coordinator adds ten into each timeline second and can keep the tenths too. */
export const SLICE_MS = 100;

/**
 * A worker's recording of one phase (warm-up or measured window), on the *completion* time.
 * Memory stays flat however long the phase runs: every latency goes into the phase's one full HDR histogram
 * and into the compact histogram of the current 100 ms slice (src/metrics/compact-histogram.ts). A slice is
 * handed over once time has moved past it (`takeSlices`) and posted to the coordinator, which merges the workers'
 * slices into the timeline as they arrive; the worker keeps nothing per slice. Slices are emitted densely, empty
 * ones included, so the coordinator knows when every worker is done with a slice.
 * Latency histograms hold requests that got a response (any status); transport errors (refused, reset,
 * timeout, closed, other) are counted but have no meaningful latency.
 */
export class PhaseRecorder {
  requests = 0;
  errors = 0;
  bytesSent = 0;
  bytesReceived = 0;
  readonly errorsByKind: Record<string, number> = {};
  readonly latency: Histogram = createHistogram();
  readonly serviceTime: Histogram | undefined;
  private readonly statusClassCounts: number[] = new Array<number>(STATUS_CLASSES).fill(0);
  /** The slice completions currently land in and its bounds: most completions skip the index arithmetic. */
  private sliceIndex = -1;
  private sliceToMs = Number.NEGATIVE_INFINITY;
  private sliceRequests = 0;
  private sliceErrors = 0;
  private readonly sliceLatency = new CompactHistogram();
  /** First slice index not yet handed over. */
  private nextSlice = 0;
  private readonly closed: WorkerSlice[] = [];

  constructor(
    readonly phase: 'warmup' | 'measure',
    private readonly startMs: number,
    withServiceTime: boolean,
  ) {
    this.serviceTime = withServiceTime ? createHistogram() : undefined;
  }

  record(completedMs: number, latencyUs: number, serviceUs: number, status: number, errorKind: string | undefined, sentBytes: number, receivedBytes: number): void {
    this.requests++;
    this.bytesSent += sentBytes;
    this.bytesReceived += receivedBytes;
    // Completion times only move forward on a thread, so a completion is in the current slice or a later one.
    if (completedMs >= this.sliceToMs) this.enterSlice(completedMs);
    this.sliceRequests++;
    if (status > 0) {
      this.statusClassCounts[Math.min(STATUS_CLASSES - 1, Math.floor(status / 100))]!++;
      recordMicros(this.latency, latencyUs);
      this.sliceLatency.record(latencyUs);
      if (this.serviceTime !== undefined) recordMicros(this.serviceTime, serviceUs);
    }
    if (errorKind !== undefined) {
      this.errors++;
      this.sliceErrors++;
      this.errorsByKind[errorKind] = (this.errorsByKind[errorKind] ?? 0) + 1;
    }
  }

  /** Index of the slice a completion at `completedMs` belongs to (slice 0 also takes anything before the start). */
  sliceIndexAt(completedMs: number): number {
    return Math.max(0, Math.floor((completedMs - this.startMs) / SLICE_MS));
  }

  private enterSlice(completedMs: number): void {
    const index = Math.max(this.sliceIndex, this.sliceIndexAt(completedMs));
    this.closeBefore(index);
    this.sliceIndex = index;
    this.sliceToMs = this.startMs + (index + 1) * SLICE_MS;
  }

  /** Hands over every slice before `index` not handed over yet (the current one with its figures, the rest empty). */
  private closeBefore(index: number): void {
    for (; this.nextSlice < index; this.nextSlice++) {
      if (this.nextSlice === this.sliceIndex) {
        this.closed.push({ phase: this.phase, index: this.nextSlice, requests: this.sliceRequests, errors: this.sliceErrors, latency: this.sliceLatency.encode() });
        this.sliceRequests = 0;
        this.sliceErrors = 0;
        this.sliceLatency.reset();
      } else this.closed.push({ phase: this.phase, index: this.nextSlice, requests: 0, errors: 0, latency: [] });
    }
  }

  /**
   * The slices that ended by `nowMs` (capped at `phaseEndMs`) and were not taken yet; with `final` (the run is
   * over), every slice up to that time, the current one included.
   */
  takeSlices(nowMs: number, phaseEndMs: number, final = false): WorkerSlice[] {
    const endMs = Math.min(nowMs, phaseEndMs);
    let through = Math.floor((endMs - this.startMs) / SLICE_MS);
    if (final) through = Math.max(through, Math.ceil((endMs - this.startMs) / SLICE_MS), this.sliceIndex + 1);
    this.closeBefore(through);
    return this.closed.splice(0);
  }

  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    this.statusClassCounts.forEach((count, statusClass) => {
      if (count > 0) counts[`${statusClass}xx`] = count;
    });
    return counts;
  }

  toResult(): WorkerPhaseResult {
    return {
      requests: this.requests,
      errors: this.errors,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      statusCounts: this.statusCounts(),
      errorsByKind: { ...this.errorsByKind },
      latencyUs: encodeHistogram(this.latency),
      ...(this.serviceTime === undefined ? {} : { serviceTimeUs: encodeHistogram(this.serviceTime) }),
    };
  }
}

export type Phase = 'warmup' | 'measure' | 'drain';

/** Routes each completion to its phase and keeps the in-flight integral and progress figures. */
export class Recorder {
  readonly warmup: PhaseRecorder;
  readonly window: PhaseRecorder;
  drained = 0;
  /** Completions and responses in every phase, drain included: did anything answer at all? */
  readonly sinceStart = { completed: 0, responses: 0 };
  inFlight = 0;
  inFlightAreaMs = 0;
  private lastChangeMs: number;
  private recentRequests = 0;
  /** Latencies since the previous progress message; kept only when progress is asked for. */
  private readonly recent: CompactHistogram | undefined;

  constructor(
    readonly startMs: number,
    readonly measureStartMs: number,
    public measureEndMs: number,
    withServiceTime: boolean,
    withProgress = true,
  ) {
    this.warmup = new PhaseRecorder('warmup', startMs, withServiceTime);
    this.window = new PhaseRecorder('measure', measureStartMs, withServiceTime);
    this.lastChangeMs = measureStartMs;
    this.recent = withProgress ? new CompactHistogram() : undefined;
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
    this.sinceStart.completed++;
    if (status > 0) this.sinceStart.responses++;
    const phase = this.phaseAt(completedMs);
    if (phase === 'drain') {
      this.drained++;
      return;
    }
    const target = phase === 'warmup' ? this.warmup : this.window;
    target.record(completedMs, latencyUs, serviceUs, status, errorKind, sentBytes, receivedBytes);
    this.recentRequests++;
    if (status > 0) this.recent?.record(latencyUs);
  }

  /** Both phases' slices that ended by `nowMs`; with `final`, all of them up to each phase's end. */
  takeSlices(nowMs: number, final = false): WorkerSlice[] {
    return [...this.warmup.takeSlices(nowMs, this.measureStartMs, final), ...this.window.takeSlices(nowMs, this.measureEndMs, final)];
  }

  /** Figures for one progress message: latencies completed since the previous one. */
  takeProgress(nowMs: number): WorkerProgress {
    const phase = this.phaseAt(nowMs);
    const current = phase === 'warmup' ? this.warmup : this.window;
    const recentLatency: CompactEncoded = this.recent?.encode() ?? [];
    this.recent?.reset();
    const progress: WorkerProgress = { phase, requests: current.requests, errors: current.errors, recentLatency, recentRequests: this.recentRequests, sinceStart: { ...this.sinceStart } };
    this.recentRequests = 0;
    return progress;
  }
}
