import { describe, expect, it } from 'vitest';
import { planCapacity } from '../../../src/analysis/capacity/capacity.js';
import { instancesFor } from '../../../src/analysis/capacity/capacity-math.js';
import { loadShippedBaselines } from '../../../src/baselines/load-baseline.js';
import type { MixEntry } from '../../../src/analysis/capacity/types.js';
import type { BaselineSet } from '../../../src/analysis/types.js';
import { makeRun, type PointSpec } from '../../fixtures/analysis/make-run.js';

// Three levels only, so no USL fit widens the range: the low/high come from the two repetitions alone.
const ECHO: PointSpec[] = [
  { concurrency: 100, repetition: 1, throughputRps: 3000, p99Ms: 100 },
  { concurrency: 100, repetition: 2, throughputRps: 3100, p99Ms: 100 },
  { concurrency: 200, repetition: 1, throughputRps: 4000, p99Ms: 170 },
  { concurrency: 200, repetition: 2, throughputRps: 4200, p99Ms: 190 },
  { concurrency: 400, repetition: 1, throughputRps: 4300, p99Ms: 600 },
  { concurrency: 400, repetition: 2, throughputRps: 4300, p99Ms: 600 },
].map((spec) => ({ ...spec, backendSleepMs: 30 }));

const MEDIATION: PointSpec[] = [
  { concurrency: 100, throughputRps: 1000, p99Ms: 120 },
  { concurrency: 200, throughputRps: 1500, p99Ms: 250 },
  { concurrency: 400, throughputRps: 1600, p99Ms: 900 },
].map((spec) => ({ ...spec, api: 'mediation' as const, backendSleepMs: 30 }));

const run = makeRun([...ECHO, ...MEDIATION]);
const echo: MixEntry = { name: 'echo', api: 'echo', messageSizeBytes: 1024, backendSleepMs: 30, weight: 1 };
const mediation: MixEntry = { ...echo, name: 'mediation', api: 'mediation' };

describe('planCapacity', () => {
  it('sizes one API from the highest concurrency within the SLO (hand-checked)', () => {
    const plan = planCapacity(run, { targetRps: 11700, mix: [echo], sloP99Ms: 200, headroomPct: 30 });
    // c200 is the last level with p99 <= 200 ms: mean of 4000 and 4200 = 4100 req/s. Its 95 % interval from two
    // repetitions: sd 141.42, standard error 100, t(1) = 12.706 -> 4100 ± 1270.6 = 2829.4 .. 5370.6.
    expect(plan.perEntry[0]).toMatchObject({ concurrency: 200, perInstanceRps: 4100, p99LatencyMs: 180 });
    expect(plan.perEntry[0]!.perInstanceLowRps).toBeCloseTo(2829.4, 1);
    expect(plan.perEntry[0]!.perInstanceHighRps).toBeCloseTo(5370.6, 1);
    // usable 4100 × 0.7 = 2870; 11700 / 2870 = 4.08 → 5; optimistic 11700 / 3759.4 = 3.11 → 4; pessimistic 11700 / 1980.6 = 5.91 → 6
    expect(plan.estimate.usablePerInstanceRps).toBeCloseTo(2870, 9);
    expect(plan.estimate).toMatchObject({ instances: 5, instancesLow: 4, instancesHigh: 6 });
    expect(plan.estimate.working.at(-1)).toBe('instances: ceil(11700 / 2870.0) = 5');
  });

  it('combines a mix as a weighted harmonic mean of per-API capacities (hand-checked)', () => {
    const plan = planCapacity(run, { targetRps: 5000, mix: [{ ...echo, weight: 80 }, { ...mediation, weight: 20 }], sloP99Ms: 200, headroomPct: 30 });
    expect(plan.perEntry.map((entry) => [entry.entry.name, entry.concurrency, entry.perInstanceRps])).toEqual([
      ['echo', 200, 4100],
      ['mediation', 100, 1000],
    ]);
    // C = 1 / (0.8 / 4100 + 0.2 / 1000) = 2530.86; × 0.7 = 1771.6; 5000 / 1771.6 = 2.82 → 3
    expect(plan.estimate.perInstanceRps).toBeCloseTo(1 / (0.8 / 4100 + 0.2 / 1000), 9);
    expect(plan.estimate.instances).toBe(3);
    // Little's law per instance: 5000 / 3 × (0.8 × 200 / 4100 + 0.2 × 100 / 1000) = 98.4 users
    expect(plan.concurrencyPerInstance).toBeCloseTo((5000 / 3) * (0.8 * (200 / 4100) + 0.2 * (100 / 1000)), 9);
    expect(plan.request.mix.map((entry) => entry.weight)).toEqual([0.8, 0.2]);
    expect(plan.warnings.some((warning) => warning.includes('not an uncertainty'))).toBe(true);
  });

  it('does not round an exact quotient up', () => {
    expect(instancesFor(3500, 1000 * 0.7)).toBe(5);
    expect(instancesFor(3501, 700)).toBe(6);
    expect(instancesFor(10, 700)).toBe(1);
  });

  it('plans the same request from baseline rows, saying which rows and which machine', () => {
    const set: BaselineSet = {
      label: 'test baseline',
      file: 'inline',
      layout: 'gatebench-baseline-csv',
      points: [100, 200, 300].map((concurrency, i) => ({
        api: 'echo', concurrency, messageSizeBytes: 1024, sleepMs: 30, throughputRps: [3000, 3500, 3600][i]!, avgLatencyMs: null, p90LatencyMs: null,
        p95LatencyMs: null, p99LatencyMs: [90, 150, 300][i]!, errorPct: 0, machine: { description: 'c5.large (2 vCPU, 4 GiB)', instanceType: 'c5.large', vCpus: 2 }, source: 'inline', approximate: false,
      })),
    };
    const plan = planCapacity(run, { targetRps: 11700, mix: [echo], sloP99Ms: 200, headroomPct: 30 }, { baselines: [set] });
    expect(plan.baselines).toHaveLength(1);
    expect(plan.baselines[0]!.rows.map((row) => row.concurrency)).toEqual([200]);
    // 3500 × 0.7 = 2450; 11700 / 2450 = 4.78 → 5
    expect(plan.baselines[0]!.estimate).toMatchObject({ instances: 5, instancesLow: 5, instancesHigh: 5 });
    expect(plan.baselines[0]!.machine.description).toContain('c5.large');
  });

  it('uses the shipped WSO2 3.1.0 c5.large rows (checked by hand against the CSV)', () => {
    const plan = planCapacity(run, { targetRps: 11700, mix: [echo], sloP99Ms: 200, headroomPct: 30 }, { baselines: loadShippedBaselines(['3.1.0']) });
    const wso2 = plan.baselines[0]!;
    // wso2-apim-3.1.0_c5.large_2G_sleep-sweep.csv: echo 1024 B 30 ms, 200 users: 3065.46 req/s, p99 190 ms
    expect(wso2.rows).toHaveLength(1);
    expect(wso2.rows[0]).toMatchObject({ concurrency: 200, throughputRps: 3065.46, p99LatencyMs: 190 });
    // 3065.46 × 0.7 = 2145.822; 11700 / 2145.822 = 5.45 → 6
    expect(wso2.estimate!.instances).toBe(6);
    expect(wso2.machine.description).toBe('c5.large (2 vCPU, 4 GiB), heap 2G');
  });

  it('explains what is missing when the run has no matching series', () => {
    expect(() => planCapacity(run, { targetRps: 100, mix: [{ ...echo, backendSleepMs: 500 }], sloP99Ms: 200, headroomPct: 30 })).toThrow(
      /no echo 1KiB 500ms series to plan from/,
    );
  });

  it('refuses an SLO that no measured concurrency meets', () => {
    expect(() => planCapacity(run, { targetRps: 100, mix: [echo], sloP99Ms: 50, headroomPct: 30 })).toThrow(/no measured concurrency meets p99 <= 50 ms \(the lowest, 100 users, has p99 100.0 ms\)/);
  });

  it('refuses nonsense requests', () => {
    expect(() => planCapacity(run, { targetRps: 0, mix: [echo], sloP99Ms: 200, headroomPct: 30 })).toThrow(/more than 0/);
    expect(() => planCapacity(run, { targetRps: 10, mix: [echo], sloP99Ms: 200, headroomPct: 100 })).toThrow(/below 100 %/);
  });
});
