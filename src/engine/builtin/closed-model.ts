import type { RequestSlot } from './slot.js';
import type { WorkerRun } from './worker-run.js';

/**
 * Closed model (a JMeter thread group): each virtual user owns one keep-alive connection and sends
 * its next request as soon as the previous one completes (after the think time, if any).
 * Users start evenly across the ramp-up, numbered across all workers so the ramp is global.
 */
export function startClosedModel(run: WorkerRun, model: { users: number; firstUserIndex: number; totalUsers: number; rampUpMs: number; thinkTimeMs: number }): void {
  const thinkTimeMs = model.thinkTimeMs;
  let depth = 0;

  const next = (slot: RequestSlot): void => {
    const now = performance.now();
    if (!run.canSend(now)) {
      run.checkFinished();
      return;
    }
    run.countSend(now);
    depth++;
    slot.send(now, now);
    depth--;
  };

  const done = (slot: RequestSlot, nowMs: number, status: number, errorKind: string | undefined): void => {
    run.complete(slot, nowMs, status, errorKind);
    if (thinkTimeMs > 0) setTimeout(next, thinkTimeMs, slot);
    // After a transport error undici is still failing its queue (dispatching now trips its assertions), and a
    // synchronous failure inside dispatch would recurse: both go through the next turn of the loop.
    else if (status === 0 || depth > 0) setImmediate(next, slot);
    else next(slot);
  };

  const now = performance.now();
  for (let user = 0; user < model.users; user++) {
    const slot = run.newSlot(done);
    slot.userIndex = model.firstUserIndex + user;
    const offsetMs = model.totalUsers > 0 ? (model.rampUpMs * slot.userIndex) / model.totalUsers : 0;
    const delayMs = run.startMs + offsetMs - now;
    if (delayMs > 0) setTimeout(next, delayMs, slot);
    else next(slot);
  }
}
