import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Recorder } from './recorder.js';
import { rawEndpoint, RawSlot, type RawEndpoint } from './raw/raw-slot.js';
import { buildSharedRequest, type RequestSlot, type SharedRequest, type SlotDone } from './slot.js';
import { undiciOptions, UndiciSlot } from './undici-slot.js';
import type { WorkerConfig, WorkerResult } from './protocol.js';

/**
 * The state one worker's load model shares: phase boundaries (in this thread's performance.now() ms),
 * the send budget, the recorder and every connection, so the end of the run can close them all.
 * Every loop is bounded: no send after `sendUntilMs` (end of the measured window, or the stop time) or
 * once `sendsLeft` reaches 0, and everything still in flight is abandoned at `drainEndMs`.
 */
export class WorkerRun {
  readonly shared: SharedRequest;
  readonly recorder: Recorder;
  readonly startMs: number;
  readonly measureStartMs: number;
  sendUntilMs: number;
  drainEndMs: number;
  sendsLeft: number;
  finished = false;
  private readonly slots: RequestSlot[] = [];
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private loopDelayStarted = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private onFinished: ((result: WorkerResult) => void) | undefined;
  openCounts: WorkerResult['open'];
  private readonly newClientSlot: (done: SlotDone) => RequestSlot;

  constructor(readonly config: WorkerConfig) {
    this.shared = buildSharedRequest(config);
    this.newClientSlot = slotFactory(this.shared);
    // Epoch ms to this thread's clock.
    this.startMs = config.startAtEpochMs - performance.timeOrigin;
    this.measureStartMs = this.startMs + config.warmupMs;
    this.sendUntilMs = this.measureStartMs + config.durationMs;
    this.drainEndMs = this.sendUntilMs + config.drainTimeoutMs;
    this.sendsLeft = config.maxRequests ?? Number.POSITIVE_INFINITY;
    this.recorder = new Recorder(this.startMs, this.measureStartMs, this.sendUntilMs, config.model.kind === 'open', config.progress);
  }

  /** Arms the phase timers; `finished` is called once with this worker's result. */
  begin(onFinished: (result: WorkerResult) => void): void {
    this.onFinished = onFinished;
    const now = performance.now();
    this.timers.push(setTimeout(() => this.startLoopDelay(), Math.max(0, this.measureStartMs - now)));
    this.timers.push(setTimeout(() => this.checkFinished(), Math.max(0, this.sendUntilMs - now) + 1));
    this.timers.push(setTimeout(() => this.finish(), Math.max(0, this.drainEndMs - now)));
    // One coarse sweep for every connection's timeout instead of a timer per request (undici slots keep their own).
    if (this.shared.client === 'raw') {
      const sweep = setInterval(() => this.sweepTimeouts(), timeoutSweepMs(this.config.timeoutMs));
      this.timers.push(sweep);
    }
  }

  private sweepTimeouts(): void {
    const now = performance.now();
    for (const slot of this.slots) slot.checkTimeout(now);
  }

  newSlot(done: SlotDone): RequestSlot {
    const slot = this.newClientSlot(done);
    this.slots.push(slot);
    return slot;
  }

  canSend(nowMs: number): boolean {
    return !this.finished && nowMs < this.sendUntilMs && this.sendsLeft > 0;
  }

  countSend(nowMs: number): void {
    this.sendsLeft--;
    this.recorder.changeInFlight(nowMs, 1);
  }

  /** Records a finished request: latency from the intended send, service time from the actual send. */
  complete(slot: RequestSlot, nowMs: number, status: number, errorKind: string | undefined): void {
    if (this.finished) return;
    const latencyUs = (nowMs - slot.intendedMs) * 1000;
    const serviceUs = (nowMs - slot.sentMs) * 1000;
    this.recorder.record(nowMs, latencyUs, serviceUs, status, errorKind, slot.written ? this.shared.bytesPerRequest : 0, slot.bytesReceived);
  }

  /** Ends the run once nothing is in flight and nothing more may be sent. */
  checkFinished(): void {
    if (this.finished || this.recorder.inFlight > 0) return;
    const now = performance.now();
    if (this.canSend(now)) return;
    this.finish();
  }

  /** Stop on request: the measured window ends now and the drain is cut short. */
  stop(): void {
    const now = performance.now();
    this.sendUntilMs = Math.min(this.sendUntilMs, now);
    this.recorder.measureEndMs = Math.min(this.recorder.measureEndMs, now);
    this.drainEndMs = Math.min(this.drainEndMs, now + 1000);
    this.timers.push(setTimeout(() => this.finish(), Math.max(0, this.drainEndMs - now)));
    this.checkFinished();
  }

  private startLoopDelay(): void {
    if (this.finished) return;
    this.loopDelay.enable();
    this.loopDelayStarted = true;
  }

  private finish(): void {
    if (this.finished) return;
    const now = performance.now();
    // Close the in-flight integral at the end of the window before anything else changes it.
    this.recorder.changeInFlight(now, 0);
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer); // also clears an interval
    const windowEndMs = Math.max(this.measureStartMs, Math.min(this.recorder.measureEndMs, now));
    const abandoned = this.recorder.inFlight;
    if (this.loopDelayStarted) this.loopDelay.disable();
    const result: WorkerResult = {
      workerIndex: this.config.workerIndex,
      warmup: this.recorder.warmup.toResult(),
      window: this.recorder.window.toResult(),
      windowEndEpochMs: windowEndMs + performance.timeOrigin,
      inFlightAreaMs: this.recorder.inFlightAreaMs,
      drain: { completed: this.recorder.drained, abandoned },
      ...(this.openCounts === undefined ? {} : { open: this.openCounts }),
      eventLoopDelayP99Ms: this.loopDelayStarted && this.loopDelay.count > 0 ? this.loopDelay.percentile(99) / 1e6 : 0,
      slices: this.recorder.takeSlices(now, true),
    };
    for (const slot of this.slots) slot.close();
    this.onFinished?.(result);
  }
}

/** Builds one connection of the configured client; the per-worker parts (undici options, endpoint) are made once. */
function slotFactory(shared: SharedRequest): (done: SlotDone) => RequestSlot {
  if (shared.client === 'undici') {
    const options = undiciOptions(shared);
    return (done) => new UndiciSlot(shared, options.dispatch, options.client, done);
  }
  const endpoint: RawEndpoint = rawEndpoint(shared);
  return (done) => new RawSlot(shared, endpoint, done);
}

/** How often raw connections are checked for a timeout: a tenth of it, between 10 ms and 250 ms. */
export function timeoutSweepMs(timeoutMs: number): number {
  return Math.min(250, Math.max(10, Math.floor(timeoutMs / 10)));
}
