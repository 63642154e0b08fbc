import type { OpenModelFigures } from '../../results/types.js';

/** CPU per worker (100 = one core) above which a worker is taken to be core-bound. */
export const CPU_SATURATION_PCT_PER_WORKER = 90;
/** Event-loop delay p99 above which the generator's own timing can no longer be trusted. */
export const EVENT_LOOP_DELAY_LIMIT_MS = 50;
/** Fraction of open-model sends dispatched late above which the rate was not really offered. */
export const LATE_SEND_LIMIT = 0.01;

/**
 * Reasons the generator itself may have limited the load, in words; empty when none.
 * The engine never prints them: the CLI does (and a library caller reads `saturationReasons`).
 */
export function assessGenerator(input: {
  workers: number;
  cpuPct: number;
  eventLoopDelayP99Ms: number;
  open: OpenModelFigures | undefined;
  laggingSends: number;
  /** Open model: sends the schedule held in the measured window (rate × window). */
  scheduledSends?: number;
}): string[] {
  const reasons: string[] = [];
  // The main thread is mostly idle, so the worker threads own nearly all of the process CPU.
  const perWorkerPct = input.cpuPct / input.workers;
  if (perWorkerPct >= CPU_SATURATION_PCT_PER_WORKER) {
    reasons.push(`CPU ${input.cpuPct.toFixed(0)}% for ${input.workers} worker${input.workers === 1 ? '' : 's'} (${perWorkerPct.toFixed(0)}% each, near a full core): add --workers or cores`);
  }
  if (input.eventLoopDelayP99Ms > EVENT_LOOP_DELAY_LIMIT_MS) {
    reasons.push(`event-loop delay p99 ${input.eventLoopDelayP99Ms.toFixed(1)} ms in a worker (limit ${EVENT_LOOP_DELAY_LIMIT_MS} ms): the generator's timing is late`);
  }
  if (input.open !== undefined && input.open.sent > 0 && input.laggingSends / input.open.sent > LATE_SEND_LIMIT) {
    reasons.push(`${input.laggingSends} of ${input.open.sent} open-model sends went out late with a connection free: the generator fell behind the rate`);
  }
  // A generator too starved to reach its own send loop sends nothing late and drops nothing: count what never went out.
  // Each worker may miss one send at each edge of the window.
  if (input.open !== undefined && input.scheduledSends !== undefined) {
    const missing = Math.round(input.scheduledSends - input.open.sent - input.open.droppedSends);
    if (missing > Math.max(2 * input.workers, LATE_SEND_LIMIT * input.scheduledSends)) {
      reasons.push(`${missing} of ${Math.round(input.scheduledSends)} scheduled open-model sends never went out: the generator fell behind the rate`);
    }
  }
  if (input.open !== undefined && input.open.droppedSends > 0) {
    reasons.push(`${input.open.droppedSends} open-model sends dropped at the in-flight cap (${input.open.maxInFlight}): the target fell behind the rate, or raise the cap`);
  }
  return reasons;
}
