import { readFile } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { GatebenchError } from '../../errors.js';
import { CompactHistogram, type CompactEncoded } from '../../metrics/compact-histogram.js';
import { spawnSiblingWorker } from '../../runtime/spawn-worker.js';
import { gatebenchVersion } from '../../runtime/version.js';
import type { LoadOptions, ProgressTick } from '../types.js';
import type { PointResult } from '../../results/types.js';
import { validateLoadOptions } from '../validate.js';
import { aggregatePointResult } from './aggregate.js';
import { PhaseTimeline } from './timeline-merger.js';
import type { MainToWorker, WorkerConfig, WorkerProgress, WorkerResult, WorkerToMain } from './protocol.js';
import { clampWorkers, defaultWorkerCount, splitMaxRequests, splitModel } from './split.js';

/** Time between sending `start` and the first request, so every worker begins on the same clock. */
const START_LEAD_MS = 100;
const READY_TIMEOUT_MS = 30_000;
/** How long after the drain a silent worker is waited for before the point fails. */
const RESULT_GRACE_MS = 10_000;
/** Windows up to this long also get their timeline in 100 ms slices (PointResult.timelineSlices). */
const SLICED_WINDOW_MAX_MS = 120_000;

export interface RunLoadHooks {
  signal?: AbortSignal;
  onProgress?: (tick: ProgressTick) => void;
}

/**
 * Runs one point: spawns the workers, starts them on a shared epoch, relays progress, stops them on abort,
 * and merges their results. Failed requests are data in the result; only a broken generator throws
 * (GB_INPUT_INVALID for bad options, GB_DRIVER_FAILED when a worker dies).
 */
export async function runLoad(options: LoadOptions, hooks: RunLoadHooks = {}): Promise<PointResult> {
  validateLoadOptions(options);
  const workerCount = options.workers > 0 ? clampWorkers(options.workers, options.model) : defaultWorkerCount(options.model);
  const ca = options.tls?.caFile === undefined ? undefined : await readCa(options.tls.caFile);
  const workers = Array.from({ length: workerCount }, () => spawnSiblingWorker(import.meta.url, 'worker'));
  try {
    await Promise.all(workers.map((worker) => waitForReady(worker)));
    return await drive(options, workers, ca, hooks);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate().catch(() => undefined)));
  }
}

async function drive(options: LoadOptions, workers: Worker[], ca: string | undefined, hooks: RunLoadHooks): Promise<PointResult> {
  const startAtEpochMs = epochNow() + START_LEAD_MS;
  const measureStartEpochMs = startAtEpochMs + options.warmupMs;
  const models = splitModel(options.model, workers.length);
  const maxRequests = splitMaxRequests(options.maxRequests, workers.length);
  const startedAt = new Date(startAtEpochMs).toISOString();
  const monitor = new ProcessMonitor(measureStartEpochMs, measureStartEpochMs + options.durationMs);
  const progress = new Map<number, WorkerProgress>();
  const recent: CompactEncoded[] = [];
  // Timelines are merged as the workers' slices arrive; 100 ms slices are kept for windows up to 2 minutes.
  const timelines = { warmup: new PhaseTimeline(workers.length, false), window: new PhaseTimeline(workers.length, options.durationMs <= SLICED_WINDOW_MAX_MS) };
  let recentRequests = 0;
  const results: WorkerResult[] = [];
  let interrupted = false;

  const finished = new Promise<void>((resolve, reject) => {
    workers.forEach((worker, workerIndex) => {
      worker.on('message', (message: WorkerToMain) => {
        if (message.type === 'progress') {
          // Workers post progress only when there is a hook; its tick clears `recent`.
          progress.set(message.workerIndex, message.progress);
          recent.push(message.progress.recentLatency);
          recentRequests += message.progress.recentRequests;
        } else if (message.type === 'slices') {
          for (const slice of message.slices) (slice.phase === 'warmup' ? timelines.warmup : timelines.window).add(slice);
        } else if (message.type === 'result') {
          for (const slice of message.result.slices) (slice.phase === 'warmup' ? timelines.warmup : timelines.window).add(slice);
          results.push(message.result);
          if (results.length === workers.length) resolve();
        } else if (message.type === 'failed') {
          reject(new GatebenchError('GB_DRIVER_FAILED', `load worker ${message.workerIndex} failed: ${message.message}`));
        }
      });
      worker.on('error', (error) => reject(new GatebenchError('GB_DRIVER_FAILED', `load worker ${workerIndex} crashed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => {
        if (results.length < workers.length) reject(new GatebenchError('GB_DRIVER_FAILED', `load worker ${workerIndex} exited (code ${code}) before its result`));
      });
    });
  });

  const stop = (): void => {
    interrupted = true;
    for (const worker of workers) worker.postMessage({ type: 'stop' } satisfies MainToWorker);
  };
  hooks.signal?.addEventListener('abort', stop, { once: true });

  // The phase follows the shared clock: a tick is sent the moment each phase begins (so a caller can time its
  // own window on it), then about once a second with the phase current at that moment.
  let phase: ProgressTick['phase'] | undefined;
  const sendTick = (periodic: boolean): void => {
    if (hooks.onProgress === undefined || phase === undefined) return;
    // Workers count per phase; one still reporting the previous phase has nothing in this one yet.
    const latest = [...progress.values()].filter((entry) => entry.phase === phase);
    hooks.onProgress({
      phase,
      elapsedMs: epochNow() - startAtEpochMs,
      requests: latest.reduce((sum, entry) => sum + entry.requests, 0),
      errors: latest.reduce((sum, entry) => sum + entry.errors, 0),
      currentRps: recentRequests,
      // Only the p99 is shown: summarizing (mean, stdev, every percentile) would walk the histogram many times
      // on the main thread, which shares a core with the workers on small machines.
      currentP99Ms: recentP99Ms(recent),
      sinceStart: {
        completed: [...progress.values()].reduce((sum, entry) => sum + entry.sinceStart.completed, 0),
        responses: [...progress.values()].reduce((sum, entry) => sum + entry.sinceStart.responses, 0),
      },
    });
    // A phase-start tick leaves the one-second window of the next periodic tick whole.
    if (!periodic) return;
    recent.length = 0;
    recentRequests = 0;
  };
  const phaseTimers = hooks.onProgress === undefined ? [] : schedulePhases(startAtEpochMs, options, (next) => {
    phase = next;
    sendTick(false);
  });
  const tickTimer = setInterval(() => {
    if (progress.size > 0) sendTick(true);
  }, 1000);
  const hardDeadlineMs = START_LEAD_MS + options.warmupMs + options.durationMs + options.drainTimeoutMs + RESULT_GRACE_MS;
  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => reject(new GatebenchError('GB_DRIVER_FAILED', `load workers gave no result within ${hardDeadlineMs} ms`)), hardDeadlineMs);
  });

  try {
    workers.forEach((worker, workerIndex) => {
      const config: WorkerConfig = {
        workerIndex,
        url: options.request.url,
        method: options.request.method,
        headers: options.request.headers,
        ...(options.request.body === undefined ? {} : { body: options.request.body }),
        model: models[workerIndex]!,
        startAtEpochMs,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        drainTimeoutMs: options.drainTimeoutMs,
        timeoutMs: options.timeoutMs,
        checks: options.checks,
        ...(maxRequests[workerIndex] === undefined ? {} : { maxRequests: maxRequests[workerIndex] }),
        ...(options.tls === undefined ? {} : { tls: { insecure: options.tls.insecure, ...(ca === undefined ? {} : { ca }) } }),
        client: options.client ?? 'raw',
        progress: hooks.onProgress !== undefined,
      };
      worker.postMessage({ type: 'start', config } satisfies MainToWorker);
    });
    // Messages arrive in order, so a stop sent now lands after the start.
    if (hooks.signal?.aborted) stop();
    await Promise.race([finished, timedOut]);
  } finally {
    clearInterval(tickTimer);
    for (const timer of phaseTimers) clearTimeout(timer);
    clearTimeout(deadline);
    hooks.signal?.removeEventListener('abort', stop);
    monitor.stop();
  }
  results.sort((a, b) => a.workerIndex - b.workerIndex);
  return aggregatePointResult(options, results, {
    driver: { name: 'builtin', version: gatebenchVersion() },
    workers: workers.length,
    startedAt,
    endedAt: new Date().toISOString(),
    measureStartEpochMs,
    warmupMs: options.warmupMs,
    cpuPct: monitor.cpuPct(),
    rssBytesMax: monitor.rssBytesMax,
    interrupted,
    timelines,
  });
}

/** The p99 of the latencies in progress messages, in ms. */
function recentP99Ms(recent: CompactEncoded[]): number {
  const merged = new CompactHistogram();
  for (const encoded of recent) merged.addEncoded(encoded);
  return merged.valueAtPercentile(99) / 1000;
}

const PHASE_ORDER: ProgressTick['phase'][] = ['warmup', 'measure', 'drain'];

/** Calls `onPhase` when each phase begins on the shared clock; no warm-up phase when `warmupMs` is 0. */
function schedulePhases(startAtEpochMs: number, options: LoadOptions, onPhase: (phase: ProgressTick['phase']) => void): NodeJS.Timeout[] {
  const nowMs = epochNow();
  const startsMs = { warmup: startAtEpochMs, measure: startAtEpochMs + options.warmupMs, drain: startAtEpochMs + options.warmupMs + options.durationMs };
  let reached = -1;
  return PHASE_ORDER.filter((phase) => phase !== 'warmup' || options.warmupMs > 0).map((phase) =>
    setTimeout(() => {
      // Never step back, even if two timers fire out of order.
      const rank = PHASE_ORDER.indexOf(phase);
      if (rank <= reached) return;
      reached = rank;
      onPhase(phase);
    }, Math.max(0, startsMs[phase] - nowMs)),
  );
}

function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

function waitForReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new GatebenchError('GB_DRIVER_FAILED', `a load worker did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    const onMessage = (message: WorkerToMain): void => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(new GatebenchError('GB_DRIVER_FAILED', `a load worker failed to start: ${error.message}`, { cause: error }));
    });
  });
}

async function readCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new GatebenchError('GB_INPUT_INVALID', `tls.caFile: cannot read ${file}: ${(error as Error).message}`, { hint: 'give the path of a PEM file holding the CA certificate' });
  }
}

/** Process CPU over the measured window (all threads; 100 = one core) and the highest RSS seen. */
class ProcessMonitor {
  rssBytesMax = process.memoryUsage.rss();
  private cpuStart: NodeJS.CpuUsage | undefined;
  private cpuStartMs = 0;
  private cpuEnd: { usage: NodeJS.CpuUsage; atMs: number } | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sampler: NodeJS.Timeout;

  constructor(measureStartEpochMs: number, measureEndEpochMs: number) {
    this.sampler = setInterval(() => this.sampleRss(), 250);
    this.timers.push(setTimeout(() => this.begin(), Math.max(0, measureStartEpochMs - epochNow())));
    this.timers.push(setTimeout(() => this.end(), Math.max(0, measureEndEpochMs - epochNow())));
  }

  private sampleRss(): void {
    this.rssBytesMax = Math.max(this.rssBytesMax, process.memoryUsage.rss());
  }

  private begin(): void {
    this.cpuStart = process.cpuUsage();
    this.cpuStartMs = performance.now();
  }

  private end(): void {
    if (this.cpuStart === undefined || this.cpuEnd !== undefined) return;
    this.cpuEnd = { usage: process.cpuUsage(this.cpuStart), atMs: performance.now() };
  }

  stop(): void {
    this.end();
    this.sampleRss();
    clearInterval(this.sampler);
    for (const timer of this.timers) clearTimeout(timer);
  }

  cpuPct(): number {
    if (this.cpuEnd === undefined) return 0;
    const wallMs = this.cpuEnd.atMs - this.cpuStartMs;
    const cpuMs = (this.cpuEnd.usage.user + this.cpuEnd.usage.system) / 1000;
    return wallMs > 0 ? (cpuMs / wallMs) * 100 : 0;
  }
}
