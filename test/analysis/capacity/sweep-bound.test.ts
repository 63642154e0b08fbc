import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../src/analysis/run-analysis/analyze-run.js';
import { planCapacity } from '../../../src/analysis/capacity/capacity.js';
import { widerSweepLevels } from '../../../src/analysis/capacity/sweep-bound.js';
import { uslThroughput } from '../../../src/analysis/fit/usl.js';
import { formatPlan } from '../../../src/cli/render/plan-text.js';
import type { MixEntry } from '../../../src/analysis/capacity/types.js';
import type { RunAnalysis } from '../../../src/analysis/run-analysis/types.js';
import { readRun } from '../../../src/store/read-run.js';
import type { StoredRun } from '../../../src/store/types.js';
import { makeRun } from '../../fixtures/analysis/make-run.js';

/**
 * The honest planner: an instance count that comes from where the sweep stopped is never given as the
 * gateway's capacity. The committed quick run measured 5-50 users; with a 30 ms backend 50 users carry at most
 * ~1,560 req/s whatever the gateway, so 5,000 req/s cannot be sized from it.
 */
const QUICK = join(import.meta.dirname, '..', '..', '..', 'results', 'examples', 'quick-2core-vm');
const entry = (api: 'echo' | 'mediation', size: number, sleep: number, weight = 1): MixEntry => ({ name: api, api, messageSizeBytes: size, backendSleepMs: sleep, weight });

describe('sweep-bounded capacity (committed quick run)', () => {
  let run: StoredRun;
  let analysis: RunAnalysis;
  // One analysis (500 bootstrap resamples for each of 12 series) serves every plan below.
  beforeAll(async () => {
    run = await readRun(QUICK);
    analysis = analyzeRun(run, { sloP99Ms: 500 });
  });

  it('says the 30 ms series is bounded by the sweep, with the users Little\'s law needs, and names a wider sweep', async () => {
    const plan = planCapacity(run, { targetRps: 5000, headroomPct: 30, sloP99Ms: 500, mix: [entry('echo', 10240, 30)] }, { analysis });
    const [echo] = plan.perEntry;
    expect(echo!.sweep.status).toBe('sweep-bounded');
    expect(echo!.sweep.maxMeasuredConcurrency).toBe(50);
    // 50 users at 1,546 req/s: 32.3 ms a cycle; 5,000 req/s × 32.3 ms = 161.7 users.
    expect(echo!.perInstanceRps).toBe(1546);
    expect(echo!.sweep.cycleTimeMs).toBeCloseTo((50 / 1546) * 1000, 9);
    expect(echo!.sweep.usersForTargetRps).toBeCloseTo((5000 * 50) / 1546, 9);
    expect(echo!.sweep.explanation).toContain('measured up to 50 users; at 32 ms per request a gateway instance needs ≥ 162 users to carry 5,000 req/s');
    // The USL of a backend-bound series has no peak to extrapolate to: the plan asks for a wider sweep instead.
    expect(echo!.sweep.extrapolation).toBeUndefined();
    // 162 / 0.7 headroom = 231 users: doubling from 50.
    expect(plan.answer).toMatchObject({ kind: 'sweep-bounded', instancesAtMost: plan.estimate.instances, widerSweep: [100, 200, 400] });
    const text = formatPlan(plan);
    expect(text).toContain(`answer: unknown: the sweep stopped before the gateway did; at most ${plan.estimate.instances} instances`);
    expect(text).toContain('measure concurrency 100, 200, 400');
    expect(text).toContain('an UPPER BOUND on instances, not a capacity');
  });

  it('keeps a capacity the gateway set: with no backend sleep throughput levels off inside the sweep', async () => {
    const plan = planCapacity(run, { targetRps: 50_000, headroomPct: 30, sloP99Ms: 500, mix: [entry('mediation', 10240, 0)] }, { analysis });
    expect(plan.perEntry[0]!.sweep.status).toBe('within-sweep');
    expect(plan.perEntry[0]!.sweep.explanation).toContain('levelled off');
    expect(plan.answer.kind).toBe('measured');
  });

  it('a bounded entry makes the whole mix sweep-bounded', async () => {
    const plan = planCapacity(run, { targetRps: 5000, headroomPct: 30, sloP99Ms: 500, mix: [entry('echo', 10240, 0, 80), entry('mediation', 102400, 30, 20)] }, { analysis });
    expect(plan.perEntry.map((item) => item.sweep.status)).toEqual(['within-sweep', 'sweep-bounded']);
    expect(plan.answer.kind).toBe('sweep-bounded');
  });
});

describe('USL extrapolation when the fit locates a peak beyond the sweep', () => {
  // X(N) = 100N / (1 + 0.00005 N(N−1)): still rising fast at 50 users, peak at N* ≈ 141 (≈ 7,070 req/s).
  const params = { sigma: 0, kappa: 0.00005, lambda: 100 };
  const run = makeRun([5, 10, 25, 50].map((concurrency) => ({ concurrency, throughputRps: uslThroughput(params, concurrency), p99Ms: 30 })));

  it('replaces the bounded capacity by X(N*), marked as an extrapolation with its interval', () => {
    const plan = planCapacity(run, { targetRps: 20_000, headroomPct: 30, sloP99Ms: 200, mix: [entry('echo', 1024, 0)] });
    const sweep = plan.perEntry[0]!.sweep;
    expect(sweep.status).toBe('sweep-bounded');
    expect(sweep.extrapolation).toBeDefined();
    expect(sweep.extrapolation!.concurrency).toBeCloseTo(Math.sqrt(1 / params.kappa), 0);
    expect(sweep.extrapolation!.throughputRps).toBeCloseTo(uslThroughput(params, Math.sqrt(1 / params.kappa)), -1);
    expect(sweep.extrapolation!.interval.low).toBeLessThanOrEqual(sweep.extrapolation!.throughputRps);
    expect(sweep.extrapolation!.interval.high).toBeGreaterThanOrEqual(sweep.extrapolation!.throughputRps);
    expect(sweep.extrapolation!.note).toMatch(/^EXTRAPOLATION: /);
    expect(plan.answer.kind).toBe('usl-extrapolation');
    if (plan.answer.kind !== 'usl-extrapolation') return;
    // 20,000 / (7,071 × 0.7) = 4.04 → 5, where the measured sweep alone would have said ceil(20,000 / (4,454 × 0.7)) = 7.
    expect(plan.answer.estimate.instances).toBe(5);
    expect(plan.estimate.instances).toBe(7);
    expect(formatPlan(plan)).toContain('EXTRAPOLATED with the USL beyond the measured users');
  });
});

describe('widerSweepLevels', () => {
  it('doubles from the largest measured level until the users needed are covered, at most six levels', () => {
    expect(widerSweepLevels(50, 231)).toEqual([100, 200, 400]);
    expect(widerSweepLevels(50, 100)).toEqual([100]);
    expect(widerSweepLevels(10, 5000)).toEqual([20, 40, 80, 160, 320, 5000]);
  });
});
