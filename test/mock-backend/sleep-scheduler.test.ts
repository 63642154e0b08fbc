import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SleepScheduler, type Sleeper } from '../../mock-backend/sleep-scheduler.js';

interface Request extends Sleeper {
  id: number;
  wokeAtMs: number;
}

describe('SleepScheduler', () => {
  it('wakes every sleeper, none before its due time, with one timer per millisecond of due time', async () => {
    const woken: Request[] = [];
    const scheduler = new SleepScheduler<Request>((request) => {
      request.wokeAtMs = performance.now();
      woken.push(request);
    });
    const start = performance.now();
    const requests: Request[] = Array.from({ length: 600 }, (_, id) => ({ id, dueMs: 0, sleeping: false, wokeAtMs: 0 }));
    // 600 requests due over 30 distinct milliseconds (20 per millisecond), 50-79 ms from now.
    for (const request of requests) scheduler.schedule(request, Math.ceil(start) + 50 + (request.id % 30) + 0.25);
    expect(scheduler.size).toBe(600);
    expect(scheduler.timers).toBe(30);
    while (woken.length < 600) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(woken.every((request) => request.wokeAtMs >= request.dueMs)).toBe(true);
    expect(scheduler.size).toBe(0);
    expect(scheduler.timers).toBe(0);
  });

  it('never wakes a cancelled sleeper and drops a timer whose sleepers all left', async () => {
    const woken: number[] = [];
    const scheduler = new SleepScheduler<Request>((request) => woken.push(request.id));
    const due = performance.now() + 40;
    const a: Request = { id: 1, dueMs: 0, sleeping: false, wokeAtMs: 0 };
    const b: Request = { id: 2, dueMs: 0, sleeping: false, wokeAtMs: 0 };
    const c: Request = { id: 3, dueMs: 0, sleeping: false, wokeAtMs: 0 };
    scheduler.schedule(a, due);
    scheduler.schedule(b, due);
    scheduler.schedule(c, due + 5);
    scheduler.cancel(a);
    scheduler.cancel(c);
    scheduler.cancel(c); // twice is harmless
    expect(scheduler.size).toBe(1);
    expect(scheduler.timers).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(woken).toEqual([2]);
    expect(scheduler.timers).toBe(0);
  });
});
