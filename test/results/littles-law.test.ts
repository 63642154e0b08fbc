import { describe, expect, it } from 'vitest';
import { LITTLES_LAW_TOLERANCE, littlesLaw } from '../../src/results/littles-law.js';

describe("Little's law check (L = λW)", () => {
  it.each([
    // offered, throughput (req/s), residence (ms) -> implied, ratio, ok
    { case: 'exact: 10 users, 500 req/s, 20 ms', offered: 10, throughputRps: 500, residenceMs: 20, implied: 10, ratio: 1, ok: true },
    { case: '10 % low is still ok', offered: 10, throughputRps: 450, residenceMs: 20, implied: 9, ratio: 0.9, ok: true },
    { case: '9.9 % high is ok', offered: 10, throughputRps: 549.5, residenceMs: 20, implied: 10.99, ratio: 1.099, ok: true },
    { case: 'just past 10 % low fails', offered: 10, throughputRps: 449, residenceMs: 20, implied: 8.98, ratio: 0.898, ok: false },
    { case: 'just past 10 % high fails', offered: 10, throughputRps: 551, residenceMs: 20, implied: 11.02, ratio: 1.102, ok: false },
    { case: 'users idle half the time (a client-side stall)', offered: 100, throughputRps: 2500, residenceMs: 20, implied: 50, ratio: 0.5, ok: false },
    { case: 'nothing offered never passes', offered: 0, throughputRps: 0, residenceMs: 0, implied: 0, ratio: 0, ok: false },
    { case: 'nothing completed fails', offered: 4, throughputRps: 0, residenceMs: 0, implied: 0, ratio: 0, ok: false },
  ])('$case', ({ offered, throughputRps, residenceMs, implied, ratio, ok }) => {
    const check = littlesLaw({ offeredConcurrency: offered, throughputRps, residenceMs });
    expect(check.offeredConcurrency).toBe(offered);
    expect(check.impliedConcurrency).toBeCloseTo(implied, 9);
    expect(check.ratio).toBeCloseTo(ratio, 9);
    expect(check.ok).toBe(ok);
  });

  it('tolerates 10 %', () => {
    expect(LITTLES_LAW_TOLERANCE).toBe(0.1);
  });
});
