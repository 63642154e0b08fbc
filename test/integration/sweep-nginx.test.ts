import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { planRun } from '../../src/plan/plan.js';
import { runPlan } from '../../src/run/run-plan.js';
import { readRun } from '../../src/store/read-run.js';
import { missingComponent } from '../helpers/components.js';

const missing = missingComponent('nginx') ?? missingComponent('njs');

// 1 size x 2 sleeps x 1 level x 2 APIs = 4 points of 0.2 s warm-up + 0.6 s measured through real nginx.
const scenario = parseScenario(
  [
    'name: tiny-nginx',
    'target: { kind: nginx, workers: 1 }',
    'backend: embedded',
    'sweep:',
    '  messageSizes: [10KiB]',
    '  backendSleeps: [0ms, 20ms]',
    '  concurrency: [2]',
    '  mediation: [off, on]',
    'timing: { warmup: 200ms, duration: 600ms, pause: 0s, timeout: 5s }',
  ].join('\n'),
  'tiny-nginx.yaml',
);

describe.skipIf(missing !== undefined)('sweep through nginx with njs', () => {
  it('measures echo and mediation points and records the nginx processes', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gatebench-nginx-'));
    const result = await runPlan(scenario, planRun(scenario), { outDir });
    expect(result.status).toBe('complete');
    expect(result.points.map((stored) => stored.point.pointId)).toEqual([
      'echo-10KiB-0ms-c2-r1',
      'echo-10KiB-20ms-c2-r1',
      'mediation-10KiB-0ms-c2-r1',
      'mediation-10KiB-20ms-c2-r1',
    ]);
    for (const { point, result: measured, resources } of result.points) {
      expect(measured.requests, point.pointId).toBeGreaterThan(0);
      expect(measured.errors, `${point.pointId} ${JSON.stringify(measured.errorsByKind)}`).toBe(0);
      expect(measured.latencyMs.min, point.pointId).toBeGreaterThanOrEqual(point.backendSleepMs);
      expect(resources.some((usage) => usage.role.startsWith('nginx'))).toBe(true);
    }
    const stored = await readRun(result.dir);
    expect(stored.manifest.targetDescription).toMatch(/^nginx .* with njs$/);
    expect(stored.points).toHaveLength(4);
  });
});
