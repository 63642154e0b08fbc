import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { planRun, scenarioHash } from '../../src/plan/plan.js';
import type { Scenario } from '../../src/scenario/types.js';

function scenario(sweep: string, extra = ''): Scenario {
  return parseScenario(`name: t\ntarget: embedded\nsweep:\n${sweep}\n${extra}`, '/tmp/t.yaml', { env: {} });
}

const matrix = ['  messageSizes: [1KiB, 100KiB]', '  backendSleeps: [30ms, 0]', '  concurrency: [100, 10]', '  mediation: [off, on]'].join('\n');

describe('planRun', () => {
  it('expands every combination, in the order written, with a series running its levels in a row', () => {
    const plan = planRun(scenario(matrix));
    expect(plan.scenarioName).toBe('t');
    expect(plan.points).toHaveLength(2 * 2 * 2 * 2);
    expect(plan.points.slice(0, 5).map((point) => point.pointId)).toEqual([
      'echo-1KiB-30ms-c100-r1',
      'echo-1KiB-30ms-c10-r1',
      'echo-1KiB-0ms-c100-r1',
      'echo-1KiB-0ms-c10-r1',
      'echo-100KiB-30ms-c100-r1',
    ]);
    expect(plan.points.at(-1)).toEqual({
      pointId: 'mediation-100KiB-0ms-c10-r1',
      index: 15,
      api: 'mediation',
      messageSizeBytes: 102400,
      backendSleepMs: 0,
      model: 'closed',
      concurrency: 10,
      repetition: 1,
      seriesKey: 'mediation-100KiB-0ms',
    });
    expect(plan.points.map((point) => point.index)).toEqual([...Array(16).keys()]);
    expect(new Set(plan.points.map((point) => point.pointId)).size).toBe(16);
  });

  it('puts repetitions outermost and names open-model points by rate', () => {
    const plan = planRun(scenario('  messageSizes: [50B]\n  rates: [100, 0.5/s]\n  repetitions: 2'));
    expect(plan.points.map((point) => point.pointId)).toEqual([
      'echo-50B-0ms-100rps-r1',
      'echo-50B-0ms-0.5rps-r1',
      'echo-50B-0ms-100rps-r2',
      'echo-50B-0ms-0.5rps-r2',
    ]);
    expect(plan.points[1]).toMatchObject({ model: 'open', rateRps: 0.5, repetition: 1 });
    expect(plan.points[1]!.concurrency).toBeUndefined();
  });

  it('shuffles with a seed: the same permutation every time, another for another seed', () => {
    const written = planRun(scenario(matrix)).points.map((point) => point.pointId);
    const shuffled = (seed: number) =>
      planRun(scenario(`${matrix}\n  order: shuffled\n  seed: ${seed}`)).points.map((point) => point.pointId);
    const first = shuffled(42);
    expect(shuffled(42)).toEqual(first);
    expect([...first].sort()).toEqual([...written].sort());
    expect(first).not.toEqual(written);
    expect(shuffled(43)).not.toEqual(first);
    const plan = planRun(scenario(`${matrix}\n  order: shuffled\n  seed: 42`));
    expect(plan.points.map((point) => point.index)).toEqual([...Array(16).keys()]);
  });

  it('is pure: planning twice gives equal plans and leaves the scenario alone', () => {
    const input = scenario(matrix);
    const copy = structuredClone(input);
    expect(planRun(input)).toEqual(planRun(input));
    expect(input).toEqual(copy);
  });
});

describe('scenarioHash', () => {
  it('changes with anything measured, not with secrets, the file location or monitored pids', () => {
    const base = scenario(matrix);
    const hash = scenarioHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(planRun(base).scenarioHash).toBe(hash);
    expect(scenarioHash({ ...base, timing: { ...base.timing, durationMs: base.timing.durationMs + 1 } })).not.toBe(hash);
    expect(scenarioHash({ ...base, sourceFile: '/elsewhere/t.yaml', monitorPids: [1, 2] })).toBe(hash);
    const withToken = (token: string): Scenario => ({ ...base, target: { ...base.target, auth: { kind: 'bearer', token } } });
    expect(scenarioHash(withToken('one'))).toBe(scenarioHash(withToken('two')));
  });

  it('does not depend on key order in the file', () => {
    const reordered = scenario(['  mediation: [off, on]', '  concurrency: [100, 10]', '  backendSleeps: [30ms, 0]', '  messageSizes: [1KiB, 100KiB]'].join('\n'));
    expect(scenarioHash(reordered)).toBe(scenarioHash(scenario(matrix)));
  });
});
