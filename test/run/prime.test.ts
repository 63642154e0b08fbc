import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockBackend } from '../../mock-backend/index.js';
import { planRun } from '../../src/plan/plan.js';
import { isSteady } from '../../src/run/prime.js';
import type { RunEvent } from '../../src/run/run-events.js';
import { runPlan } from '../../src/run/run-plan.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { readRun } from '../../src/store/read-run.js';

describe('isSteady', () => {
  it('needs three per-second rates within 5 % of their mean', () => {
    expect(isSteady([1000, 1010])).toBe(false);
    expect(isSteady([300, 900, 1000, 1010, 990])).toBe(true);
    expect(isSteady([1000, 1200, 900])).toBe(false);
    expect(isSteady([0, 0, 0])).toBe(false);
  });
});

describe('the warm start', () => {
  it('primes each route at the highest level before the first point, records it in the manifest and in no result', async () => {
    // A backend we started, so its own request count shows every request gatebench sent, priming included.
    const backend = await startMockBackend({ workers: 1 });
    try {
      const scenario = parseScenario(
        [
          'target: embedded',
          `backend: { kind: external-mock, url: "${backend.url}", adminUrl: "${backend.adminUrl}" }`,
          'sweep: { messageSizes: [1KiB], backendSleeps: [5ms, 0ms], concurrency: [2, 4], mediation: [off, on] }',
          'timing: { warmup: 50ms, duration: 200ms, pause: 0s, prime: 2s }',
          'placement: off',
        ].join('\n'),
        'primed.yaml',
      );
      const events: RunEvent[] = [];
      const result = await runPlan(scenario, planRun(scenario), { outDir: await mkdtemp(join(tmpdir(), 'gatebench-prime-')), onEvent: (event) => events.push(event) });
      expect(result.status).toBe('complete');

      const types = events.map((event) => event.type);
      expect(types.indexOf('priming-end')).toBeGreaterThan(types.indexOf('priming-start'));
      expect(types.indexOf('priming-end')).toBeLessThan(types.indexOf('point-start'));

      const { manifest, points } = await readRun(result.dir);
      const priming = manifest.priming!;
      expect(priming.maxS).toBe(2);
      // One route per API at the plan's highest level and lowest sleep.
      expect(priming.routes.map((route) => [route.api, route.messageSizeBytes, route.concurrency, route.backendSleepMs])).toEqual([
        ['echo', 1024, 4, 0],
        ['mediation', 1024, 4, 0],
      ]);
      for (const route of priming.routes) expect(route).toMatchObject({ untilSteady: true, requests: expect.any(Number) });
      for (const route of priming.routes) expect(route.requests).toBeGreaterThan(0);

      // Every stored point is a plan point, measured once; priming made none of them.
      expect(points.map((stored) => stored.point.pointId).sort()).toEqual(planRun(scenario).points.map((point) => point.pointId).sort());

      // The backend answered the priming requests and the points' requests, and nothing else: the points'
      // figures (warm-up, window, drain) hold none of the priming requests.
      const stats = await backend.admin.getStats();
      const inPoints = points.reduce((sum, { result: measured }) => sum + measured.warmup.requests + measured.requests + (measured.drain?.completed ?? 0), 0);
      const abandoned = points.reduce((sum, { result: measured }) => sum + (measured.drain?.abandoned ?? 0), 0);
      const primed = priming.routes.reduce((sum, route) => sum + route.requests, 0);
      expect(stats.requests).toBeGreaterThanOrEqual(inPoints + primed);
      // Priming stops on an abort: a request or two per user may have been cut off then, as with drain.abandoned.
      expect(stats.requests).toBeLessThanOrEqual(inPoints + primed + abandoned + 2 * 4 * priming.routes.length);
      expect(points.every((stored) => stored.result.requests < primed)).toBe(true);
    } finally {
      await backend.close();
    }
  }, 180_000);
});
