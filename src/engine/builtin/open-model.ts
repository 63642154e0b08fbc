import { Pacer, rateProfile } from './pacer.js';
import type { WorkerResult } from './protocol.js';
import type { RequestSlot } from './slot.js';
import type { WorkerRun } from './worker-run.js';
import { backlogCapacity, SendBacklog } from './send-backlog.js';

/** A send dispatched more than this after its intended time counts as late. */
export const LATE_SEND_THRESHOLD_MS = 10;
/** Sends per timer tick before yielding to I/O, so a backlog cannot starve completions. */
const MAX_SENDS_PER_TICK = 2000;

/**
 * Open model (wrk2, k6 arrival-rate): requests fall due on a schedule whatever the responses do, and
 * latency runs from each request's intended send time. Connections come from a LIFO free list grown up
 * to `maxInFlight`. A send due while every connection is busy waits in a FIFO backlog: it goes out late and
 * its wait is in the corrected latency, as in wrk2. A send that waited longer than the request timeout, or
 * is still waiting when the window ends, is dropped; so is one that finds the backlog (a bounded ring buffer)
 * full. Late and dropped sends are counted, never skipped silently.
 */
export function startOpenModel(run: WorkerRun, model: { rateRps: number; stages: Array<{ durationMs: number; targetRps: number }>; phaseOffset: number; maxInFlight: number }): void {
  const pacer = new Pacer(rateProfile(run.config.warmupMs, model.rateRps, model.stages), model.phaseOffset);
  const counts: NonNullable<WorkerResult['open']> = { sent: 0, lateSends: 0, laggingSends: 0, droppedSends: 0, targetSends: 0 };
  counts.targetSends = pacer.countBetween(run.config.warmupMs, run.config.warmupMs + run.config.durationMs);
  run.openCounts = counts;
  const free: RequestSlot[] = [];
  const peakRateRps = Math.max(model.rateRps, ...model.stages.map((stage) => stage.targetRps));
  const backlog = new SendBacklog(backlogCapacity(peakRateRps, run.config.timeoutMs, MAX_SENDS_PER_TICK));
  let created = 0;
  let dueMs = run.startMs + pacer.next();
  let ticking = true;

  const dispatch = (slot: RequestSlot, intendedMs: number, fromBacklog: boolean): void => {
    const now = performance.now();
    if (intendedMs >= run.measureStartMs) {
      counts.sent++;
      if (now - intendedMs > LATE_SEND_THRESHOLD_MS) {
        counts.lateSends++;
        // Late with a connection free: the generator itself fell behind.
        if (!fromBacklog) counts.laggingSends++;
      }
    }
    run.countSend(now);
    slot.send(intendedMs, now);
  };

  const drop = (intendedMs: number): void => {
    if (intendedMs >= run.measureStartMs && intendedMs < run.recorder.measureEndMs) counts.droppedSends++;
  };

  /** Drops waiting sends older than the request timeout: they would have timed out anyway. */
  const pruneBacklog = (nowMs: number): void => {
    while (backlog.size > 0 && nowMs - backlog.peek()! > run.config.timeoutMs) drop(backlog.shift()!);
  };

  /** Drops every waiting send and empties the backlog. */
  const dropBacklog = (): void => {
    while (backlog.size > 0) drop(backlog.shift()!);
  };

  /** Gives a freed connection to the oldest waiting send, or back to the free list. */
  const release = (slot: RequestSlot): void => {
    pruneBacklog(performance.now());
    // Once nothing may be sent, nothing later may be either: the rest of the backlog is dropped.
    if (backlog.size > 0 && run.canSend(performance.now())) {
      dispatch(slot, backlog.shift()!, true);
      return;
    }
    dropBacklog();
    free.push(slot);
  };

  const done = (slot: RequestSlot, nowMs: number, status: number, errorKind: string | undefined): void => {
    run.complete(slot, nowMs, status, errorKind);
    // undici is still failing its queue after a transport error: reuse the connection on the next turn.
    if (status === 0) setImmediate(release, slot);
    else release(slot);
    if (!ticking) flushBacklogIfDone();
    run.checkFinished();
  };

  const flushBacklogIfDone = (): void => {
    if (!run.canSend(performance.now())) dropBacklog();
  };

  const tick = (): void => {
    const now = performance.now();
    pruneBacklog(now);
    let budget = MAX_SENDS_PER_TICK;
    while (dueMs <= now && budget-- > 0) {
      if (!run.canSend(dueMs)) break;
      let slot = backlog.size > 0 ? undefined : free.pop();
      if (slot === undefined && backlog.size === 0 && created < model.maxInFlight) {
        slot = run.newSlot(done);
        created++;
      }
      if (slot !== undefined) dispatch(slot, dueMs, false);
      // A full backlog refuses the send: it is dropped now rather than held without bound.
      else if (!backlog.push(dueMs)) drop(dueMs);
      dueMs = run.startMs + pacer.next();
    }
    if (!run.canSend(dueMs)) {
      ticking = false;
      // The window's end also ends waiting: wait out its timer, then drop what is left.
      setTimeout(() => {
        flushBacklogIfDone();
        run.checkFinished();
      }, Math.max(0, run.sendUntilMs - performance.now()) + 1);
      run.checkFinished();
      return;
    }
    if (budget <= 0) setImmediate(tick);
    else setTimeout(tick, Math.max(0, dueMs - performance.now()));
  };

  setTimeout(tick, Math.max(0, dueMs - performance.now()));
}
