import { describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { planRun } from '../../src/plan/plan.js';
import { selectPoints } from '../../src/plan/point-filter.js';

const plan = planRun(
  parseScenario(
    'target: embedded\nsweep:\n  messageSizes: [1KiB, 10KiB]\n  backendSleeps: [0, 30ms]\n  concurrency: [10, 50]\n  mediation: [off, on]\n  repetitions: 2\n',
    'f.yaml',
  ),
);
const ids = (filter: string): string[] => selectPoints(plan.points, filter).map((point) => point.pointId);

describe('--only', () => {
  it('key=value clauses must all match; | gives alternatives', () => {
    expect(ids('api=echo,size=1KiB,sleep=30ms,rep=1')).toEqual(['echo-1KiB-30ms-c10-r1', 'echo-1KiB-30ms-c50-r1']);
    expect(ids('mediation=on,size=10KiB,sleep=0,c=50|10,rep=2')).toEqual(['mediation-10KiB-0ms-c10-r2', 'mediation-10KiB-0ms-c50-r2']);
    expect(ids('users=50,series=echo-1KiB-*')).toEqual(['echo-1KiB-0ms-c50-r1', 'echo-1KiB-30ms-c50-r1', 'echo-1KiB-0ms-c50-r2', 'echo-1KiB-30ms-c50-r2']);
  });

  it('without = it is a pointId glob list', () => {
    expect(ids('echo-10KiB-30ms-c??-r2,mediation-1KiB-0ms-c10-r1')).toEqual([
      'mediation-1KiB-0ms-c10-r1',
      'echo-10KiB-30ms-c10-r2',
      'echo-10KiB-30ms-c50-r2',
    ]);
    expect(selectPoints(plan.points, undefined)).toHaveLength(32);
  });

  it('refuses unknown keys, bad units and a filter that matches nothing', () => {
    for (const [filter, fragment] of [
      ['colour=red', 'with a key among api, mediation, size'],
      ['size=10 KiBs', 'is not a size'],
      ['api=soap', 'use echo, mediation or direct'],
      ['c=many', 'a whole number'],
      ['size=100KiB', 'matches none of the 32 points'],
    ] as const) {
      let caught: unknown;
      try {
        selectPoints(plan.points, filter);
      } catch (error) {
        caught = error;
      }
      expect(caught, filter).toBeInstanceOf(GatebenchError);
      expect((caught as GatebenchError).code).toBe('GB_INPUT_INVALID');
      expect((caught as GatebenchError).message).toContain(fragment);
    }
  });
});
