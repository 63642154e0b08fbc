import { Pacer, rateProfile } from './pacer.js';
import type { RequestSlot } from './request-slot.js';
import type { WorkerRun } from './worker-run.js';

/** A send dispatched more than this after its intended time counts as late (the generator fell behind). */
export const LATE_SEND_THRESHOLD_MS = 10;
/** Sends per timer tick before yielding to I/O, so a backlog cannot starve completions. */
const MAX_SENDS_PER_TICK = 2000;

/**
 * Open model (wrk2, k6 arrival-rate): requests start on a schedule whatever the responses do.
 * Latency runs from each request's intended send time. Connections come from a LIFO free list, grown
 * up to `maxInFlight`; a send due while all are busy is dropped and counted, never silently skipped.
 */
export function startOpenModel(run: WorkerRun, model: { rateRps: number; stages: Array<{ durationMs: number; targetRps: number }>; phaseOffset: number; maxInFlight: number }): void {
  const pacer = new Pacer(rateProfile(run.config.warmupMs, model.rateRps, model.stages), model.phaseOffset);
  const counts = { sent: 0, lateSends: 0, droppedSends: 0, targetSends: 0 };
  counts.targetSends = pacer.countBetween(run.config.warmupMs, run.config.warmupMs + run.config.durationMs);
  run.openCounts = counts;
  const free: RequestSlot[] = [];
  let created = 0;
  let dueMs = run.startMs + pacer.next();

  const done = (slot: RequestSlot, nowMs: number, status: number, errorKind: string | undefined): void => {
    run.complete(slot, nowMs, status, errorKind);
    free.push(slot);
    run.checkFinished();
  };

  const tick = (): void => {
    let now = performance.now();
    let budget = MAX_SENDS_PER_TICK;
    while (dueMs <= now && budget-- > 0) {
      if (!run.canSend(dueMs)) {
        run.checkFinished();
        return;
      }
      const inWindow = dueMs >= run.measureStartMs;
      let slot = free.pop();
      if (slot === undefined && created < model.maxInFlight) {
        slot = run.newSlot(done);
        created++;
      }
      if (slot === undefined) {
        if (inWindow) counts.droppedSends++;
      } else {
        if (inWindow) {
          counts.sent++;
          if (now - dueMs > LATE_SEND_THRESHOLD_MS) counts.lateSends++;
        }
        run.countSend(now);
        slot.send(dueMs, now);
        now = performance.now();
      }
      dueMs = run.startMs + pacer.next();
    }
    if (!run.canSend(dueMs)) {
      run.checkFinished();
      return;
    }
    if (budget <= 0) setImmediate(tick);
    else setTimeout(tick, Math.max(0, dueMs - performance.now()));
  };

  setTimeout(tick, Math.max(0, dueMs - performance.now()));
}
