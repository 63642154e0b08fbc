import { describe, expect, it } from 'vitest';
import { clampWorkers, defaultWorkerCount, splitEvenly, splitMaxRequests, splitModel } from '../../src/engine/builtin/split.js';

describe('splitting the workload across workers', () => {
  it('splits whole numbers into shares that differ by at most one', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(2, 4)).toEqual([1, 1, 0, 0]);
  });

  it('numbers closed-model users globally so the ramp-up is shared', () => {
    const shares = splitModel({ kind: 'closed', users: 5, rampUpMs: 1000, thinkTimeMs: 0 }, 2);
    expect(shares).toEqual([
      { kind: 'closed', users: 3, firstUserIndex: 0, totalUsers: 5, rampUpMs: 1000, thinkTimeMs: 0 },
      { kind: 'closed', users: 2, firstUserIndex: 3, totalUsers: 5, rampUpMs: 1000, thinkTimeMs: 0 },
    ]);
  });

  it('divides the open-model rate, stages and cap, with interleaving offsets', () => {
    const shares = splitModel({ kind: 'open', rateRps: 100, stages: [{ durationMs: 1000, targetRps: 300 }], maxInFlight: 5 }, 2);
    expect(shares).toEqual([
      { kind: 'open', rateRps: 50, stages: [{ durationMs: 1000, targetRps: 150 }], phaseOffset: 0, maxInFlight: 3 },
      { kind: 'open', rateRps: 50, stages: [{ durationMs: 1000, targetRps: 150 }], phaseOffset: 0.5, maxInFlight: 2 },
    ]);
    expect(splitMaxRequests(7, 2)).toEqual([4, 3]);
    expect(splitMaxRequests(undefined, 2)).toEqual([undefined, undefined]);
  });

  it('picks one worker per 500 users or 10k req/s, at most cores - 1, never more than users', () => {
    expect(defaultWorkerCount({ kind: 'closed', users: 50, rampUpMs: 0, thinkTimeMs: 0 }, 16)).toBe(1);
    expect(defaultWorkerCount({ kind: 'closed', users: 10_000, rampUpMs: 0, thinkTimeMs: 0 }, 16)).toBe(15);
    expect(defaultWorkerCount({ kind: 'closed', users: 10_000, rampUpMs: 0, thinkTimeMs: 0 }, 2)).toBe(1);
    expect(defaultWorkerCount({ kind: 'open', rateRps: 25_000, maxInFlight: 1000 }, 8)).toBe(3);
    expect(clampWorkers(8, { kind: 'closed', users: 3, rampUpMs: 0, thinkTimeMs: 0 })).toBe(3);
  });
});
