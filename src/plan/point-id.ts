import { formatSize } from '../scenario/units.js';
import type { Api, RequestMethod } from '../scenario/types.js';
import type { PlanPoint } from './types.js';

/**
 * `echo-1KiB-30ms`: the parameters a series shares (everything but load level and repetition). A GET series
 * is `get-echo-1KiB-30ms` (the size is the response's); POST keeps the bare form, so existing ids stay as they were.
 */
export function seriesKeyOf(api: Api, messageSizeBytes: number, backendSleepMs: number, method: RequestMethod = 'POST'): string {
  return `${method === 'GET' ? 'get-' : ''}${api}-${formatSize(messageSizeBytes)}-${backendSleepMs}ms`;
}

/** `c100` for 100 users, `500rps` for an arrival rate. */
export function levelLabel(level: { concurrency?: number; rateRps?: number }): string {
  return level.concurrency !== undefined ? `c${level.concurrency}` : `${level.rateRps}rps`;
}

/** `echo-1KiB-30ms-c100-r1`: unique within a plan and stable across runs of the same scenario. */
export function pointIdOf(seriesKey: string, level: { concurrency?: number; rateRps?: number }, repetition: number): string {
  return `${seriesKey}-${levelLabel(level)}-r${repetition}`;
}

/** A point's HTTP method: GET when it says so, else POST (every point stored before GET existed). */
export function pointMethod(point: Pick<PlanPoint, 'method'>): RequestMethod {
  return point.method ?? 'POST';
}
