import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrivalRate, buildK6Options } from '../../src/k6/k6-options.js';
import { buildK6Plan } from '../../src/k6/k6-plan.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

describe('k6 options', () => {
  it('maps the closed model without ramp-up to constant-vus for warm-up + duration', async () => {
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    const plan = buildK6Plan(scenario);
    const options = buildK6Options(plan, scenario);
    const gb_test = plan.testId;
    expect(plan.points.map((pointPlan) => options.scenarios[pointPlan.k6Scenario])).toEqual([
      expect.objectContaining({ executor: 'constant-vus', vus: 10, duration: '7000ms', startTime: '0ms', gracefulStop: '3000ms', tags: { gb_test, point: 'echo-1KiB-0ms-c10-r1' } }),
      expect.objectContaining({ executor: 'constant-vus', vus: 20, duration: '7000ms', startTime: '11000ms', gracefulStop: '3000ms', tags: { gb_test, point: 'echo-1KiB-0ms-c20-r1' } }),
    ]);
    // Own backend: nothing to configure between points.
    expect(Object.keys(options.scenarios)).toHaveLength(2);
    expect(plan.totalMs).toBe(11000 + 7000 + 3000);
  });

  it('expresses fractional rates as whole iterations per time unit', () => {
    expect(arrivalRate(500)).toEqual({ rate: 500, timeUnit: '1s' });
    expect(arrivalRate(12.5)).toEqual({ rate: 25, timeUnit: '2s' });
    expect(arrivalRate(0.5)).toEqual({ rate: 1, timeUnit: '2s' });
    expect(arrivalRate(1 / 60)).toEqual({ rate: 1, timeUnit: '60s' });
    expect(arrivalRate(0.123)).toEqual({ rate: 123, timeUnit: '1000s' });
  });
});

describe('k6 plan checks', () => {
  it('checks the echoed body length only in front of an echoing backend, as the built-in engine does', async () => {
    const own = await loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    expect(own.backend.kind).toBe('own');
    expect(buildK6Plan(own).points.every((pointPlan) => pointPlan.responseBytes === undefined)).toBe(true);
    const mock = { ...own, backend: { kind: 'external-mock' as const, url: 'http://127.0.0.1:8688', adminUrl: 'http://127.0.0.1:8689' } };
    expect(buildK6Plan(mock).points.map((pointPlan) => pointPlan.responseBytes)).toEqual([1024, 1024]);
  });
});
