import { formatSize } from '../scenario/units.js';
import type { Api } from '../scenario/types.js';

/** `echo-1KiB-30ms`: the parameters a series shares (everything but load level and repetition). */
export function seriesKeyOf(api: Api, messageSizeBytes: number, backendSleepMs: number): string {
  return `${api}-${formatSize(messageSizeBytes)}-${backendSleepMs}ms`;
}

/** `c100` for 100 users, `500rps` for an arrival rate. */
export function levelLabel(level: { concurrency?: number; rateRps?: number }): string {
  return level.concurrency !== undefined ? `c${level.concurrency}` : `${level.rateRps}rps`;
}

/** `echo-1KiB-30ms-c100-r1`: unique within a plan and stable across runs of the same scenario. */
export function pointIdOf(seriesKey: string, level: { concurrency?: number; rateRps?: number }, repetition: number): string {
  return `${seriesKey}-${levelLabel(level)}-r${repetition}`;
}
