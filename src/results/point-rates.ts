import type { PointResult } from './types.js';

/**
 * The three counts behind a point's rates (docs/point-result.md). Throughput means answers: a refused, reset or
 * timed-out request is an attempt, never a response.
 *   attempts:   every request that completed, socket errors included
 *   responses:  HTTP responses of any status (what wrk calls Requests/sec)
 *   successful: responses that passed every check (status class, echo bytes, response size): goodput
 */
export interface PointCounts {
  attempts: number;
  responses: number;
  successful: number;
}

export function pointCounts(result: Pick<PointResult, 'requests' | 'errors' | 'statusCounts'>): PointCounts {
  const responses = Object.values(result.statusCounts).reduce((sum, count) => sum + count, 0);
  return { attempts: result.requests, responses, successful: Math.max(0, result.requests - result.errors) };
}

/** Transport failures in wrk's words: connect (refused), read (reset, closed), write, timeout; anything else. */
export function socketErrors(errorsByKind: Record<string, number>): { connect: number; read: number; write: number; timeout: number; other: number } {
  const count = (kind: string): number => errorsByKind[kind] ?? 0;
  return { connect: count('refused'), read: count('reset') + count('closed'), write: count('write'), timeout: count('timeout'), other: count('other') };
}
