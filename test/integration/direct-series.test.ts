import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayOverhead } from '../../src/analysis/run-analysis/gateway-overhead.js';
import { planRun } from '../../src/plan/plan.js';
import { buildReport } from '../../src/report/build-report.js';
import { runPlan } from '../../src/run/run-plan.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { readRun } from '../../src/store/read-run.js';

// The gateway demands a bearer token that gatebench sends only to the gateway: a direct point that went through
// the gateway by mistake would be refused (401), one that reached anything but an echoing server would fail the
// byte-exact echo check.
const scenario = parseScenario(
  [
    'name: tiny-direct',
    'target: { kind: embedded, requireToken: gateway-only-token }',
    'backend: embedded',
    'sweep: { messageSizes: [1KiB], backendSleeps: [10ms], concurrency: [2], mediation: [off, on], direct: true }',
    'timing: { warmup: 200ms, duration: 600ms, pause: 0s, timeout: 5s }',
  ].join('\n'),
  'tiny-direct.yaml',
);

describe('direct series', () => {
  it('plans the direct points after the gateway points of each repetition', () => {
    expect(planRun(scenario).points.map((point) => point.pointId)).toEqual(['echo-1KiB-10ms-c2-r1', 'mediation-1KiB-10ms-c2-r1', 'direct-1KiB-10ms-c2-r1']);
  });

  it('sends the same point straight to the backend and reports what the gateway adds', { timeout: 180_000 }, async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gatebench-direct-'));
    const result = await runPlan(scenario, planRun(scenario), { outDir });
    expect(result.status).toBe('complete');
    for (const { point, result: measured } of result.points) {
      expect(measured.requests, point.pointId).toBeGreaterThan(0);
      expect(measured.errors, `${point.pointId} ${JSON.stringify(measured.errorsByKind)}`).toBe(0);
      expect(measured.latencyMs.min, point.pointId).toBeGreaterThanOrEqual(10);
    }
    const run = await readRun(result.dir);
    const rows = gatewayOverhead(run.points);
    expect(rows.map((row) => row.api)).toEqual(['echo', 'mediation']);
    const byId = new Map(run.points.map((stored) => [stored.point.pointId, stored.result]));
    const direct = byId.get('direct-1KiB-10ms-c2-r1')!;
    const echo = byId.get('echo-1KiB-10ms-c2-r1')!;
    expect(rows[0]).toMatchObject({ level: 'c2', messageSizeBytes: 1024, backendSleepMs: 10, directP50Ms: Number(direct.latencyMs.p50.toFixed(3)) });
    expect(rows[0]!.addedP50Ms).toBeCloseTo(echo.latencyMs.p50 - direct.latencyMs.p50, 2);
    expect(rows[0]!.throughputLostPct).toBeCloseTo((1 - echo.requests / echo.durationS / (direct.requests / direct.durationS)) * 100, 0);

    const report = buildReport({ run, baselines: [] });
    const section = report.sections.find((candidate) => candidate.id === 'gateway-overhead');
    expect(section?.title).toBe('What the gateway adds');
    const table = section?.blocks.find((block) => block.kind === 'table');
    expect(table?.kind === 'table' && table.columns.map((column) => column.header)).toEqual(expect.arrayContaining(['Added p50', 'Added p99', 'Throughput lost']));
    expect(table?.kind === 'table' && table.rows).toHaveLength(2);
  });

  it('pairs nothing when the run has no direct series', async () => {
    const run = await readRun('test/fixtures/run-small');
    expect(run.points.length).toBeGreaterThan(0);
    expect(gatewayOverhead(run.points)).toEqual([]);
  });
});
