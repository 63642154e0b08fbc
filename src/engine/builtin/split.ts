import { availableParallelism } from 'node:os';
import type { LoadOptions } from '../types.js';
import type { WorkerModel } from './protocol.js';

/** Users one worker thread drives comfortably (undici keeps ~one core busy near here at sub-ms latency). */
export const USERS_PER_WORKER = 500;
/** Arrival rate one worker thread sustains with margin on a typical core. */
export const RATE_PER_WORKER_RPS = 10_000;

/**
 * Default worker count: enough threads that each drives at most USERS_PER_WORKER users (closed) or
 * RATE_PER_WORKER_RPS (open), but at most cores - 1, leaving a core for the main thread, the OS and,
 * often, the system under test on the same host; never more workers than users.
 */
export function defaultWorkerCount(model: LoadOptions['model'], cores = availableParallelism()): number {
  const wanted = model.kind === 'closed' ? Math.ceil(model.users / USERS_PER_WORKER) : Math.ceil(peakRateRps(model) / RATE_PER_WORKER_RPS);
  return clampWorkers(Math.min(wanted, Math.max(1, cores - 1)), model);
}

/** The open model's highest rate: the starting rate or a stage target. */
export function peakRateRps(model: Extract<LoadOptions['model'], { kind: 'open' }>): number {
  return Math.max(model.rateRps, ...(model.stages ?? []).map((stage) => stage.targetRps));
}

export function clampWorkers(workers: number, model: LoadOptions['model']): number {
  const limit = model.kind === 'closed' ? model.users : model.maxInFlight;
  return Math.max(1, Math.min(Math.floor(workers), limit));
}

/** Splits `total` into `parts` whole shares that differ by at most one. */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, index) => base + (index < extra ? 1 : 0));
}

/** Each worker's share of users (closed) or of the rate and in-flight cap (open). */
export function splitModel(model: LoadOptions['model'], workers: number): WorkerModel[] {
  if (model.kind === 'closed') {
    const shares = splitEvenly(model.users, workers);
    let first = 0;
    return shares.map((users) => {
      const share: WorkerModel = { kind: 'closed', users, firstUserIndex: first, totalUsers: model.users, rampUpMs: model.rampUpMs, thinkTimeMs: model.thinkTimeMs };
      first += users;
      return share;
    });
  }
  const caps = splitEvenly(model.maxInFlight, workers);
  return caps.map((maxInFlight, index) => ({
    kind: 'open',
    rateRps: model.rateRps / workers,
    stages: (model.stages ?? []).map((stage) => ({ durationMs: stage.durationMs, targetRps: stage.targetRps / workers })),
    phaseOffset: index / workers,
    maxInFlight,
  }));
}

/** Each worker's share of maxRequests (undefined stays unbounded). */
export function splitMaxRequests(maxRequests: number | undefined, workers: number): Array<number | undefined> {
  if (maxRequests === undefined) return Array.from({ length: workers }, () => undefined);
  return splitEvenly(maxRequests, workers);
}
