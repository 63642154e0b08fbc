import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { testLoadOptions } from '../engine/load-options.js';
import { FIXTURE_DIR } from '../report/fixture.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Every stage through the programmatic API alone (src/index.ts), each export used for what it promises. */
describe('programmatic API (src/index.ts)', () => {
  it('loads a scenario and plans it', async () => {
    const scenario = await api.loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    expect(scenario.name).toBe('k6-import');
    expect(api.planRun(scenario).points.map((point) => point.pointId)).toEqual(['echo-1KiB-0ms-c10-r1', 'echo-1KiB-0ms-c20-r1']);
  });

  it('reads a stored run, analyzes it, compares it with itself, plans capacity and renders a report', async () => {
    const run = await api.readRun(FIXTURE_DIR);
    expect(run.points.length).toBeGreaterThan(0);
    const analysis = api.analyzeRun(run, { resamples: 50 });
    expect(analysis.points).toHaveLength(run.points.length);
    const comparison = api.compareRuns(run, run, { maxThroughputDropPct: 5, maxP99RisePct: 10 }, { resamples: 50 });
    expect(comparison.regressed).toBe(false);
    expect(comparison.points).toHaveLength(run.points.length);
    const outDir = await mkdtemp(join(tmpdir(), 'gatebench-api-report-'));
    const report = await api.generateReport({ runDir: FIXTURE_DIR, outDir, baseline: [] });
    expect(report.files.length).toBeGreaterThan(0);
    expect(await readdir(outDir)).toContain('index.html');
  }, 180_000);

  it('starts the mock backend and the embedded gateway, and runs load through them with runLoad', async () => {
    const backend = await api.startMockBackend();
    const gateway = await api.startEmbeddedGateway({ backendUrl: backend.url });
    try {
      // One request first, so the window does not open on a cold gateway.
      const probe = await fetch(`${gateway.url}/echo`, { method: 'POST', body: '{"a":1}' });
      expect([probe.status, await probe.text()]).toEqual([200, '{"a":1}']);
      const result = await api.runLoad(testLoadOptions(`${gateway.url}/echo`, { model: { kind: 'closed', users: 2, rampUpMs: 0, thinkTimeMs: 0 }, durationMs: 1000, maxRequests: 5000 }));
      expect(result.errorsByKind).toEqual({});
      expect(result.requests).toBeGreaterThan(0);
      expect(result.errors).toBe(0);
      // The backend saw the probe and every request the engine counted; at most one per user may have finished
      // after the window closed, uncounted by the engine.
      const seen = (await backend.admin.getStats()).requests - 1;
      expect(seen).toBeGreaterThanOrEqual(result.requests);
      expect(seen).toBeLessThanOrEqual(result.requests + 2);
    } finally {
      await gateway.close();
      await backend.close();
    }
  }, 120_000);

  it('exports builtinDriver as a Driver that runs points', () => {
    expect(api.builtinDriver.name).toBe('builtin');
    expect(api.builtinDriver.capabilities).toEqual({ openModel: true, liveProgress: true });
  });
});
