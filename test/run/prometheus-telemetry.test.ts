import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../mock-backend/index.js';
import { planRun } from '../../src/plan/plan.js';
import type { ReportData } from '../../src/report/sections/report-data.js';
import { telemetrySection } from '../../src/report/sections/telemetry-section.js';
import { runPlan } from '../../src/run/run-plan.js';
import { openTelemetryWindow } from '../../src/run/telemetry/telemetry-window.js';
import { freePort, waitForPort } from '../../src/runtime/ports.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { readRun } from '../../src/store/read-run.js';
import { startEmbeddedGateway, type EmbeddedGateway } from '../../src/targets/index.js';
import { findExecutable, missingComponent } from '../helpers/components.js';

// Debian's node_exporter, started by the test on a free loopback port; a second endpoint on a port nobody
// listens on stands for an exporter that went away.
const missing = missingComponent('prometheus-node-exporter');

describe.skipIf(missing !== undefined)('monitor.prometheus against a real node_exporter', () => {
  let exporter: ChildProcess;
  let metricsUrl: string;
  let deadUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    exporter = spawn(findExecutable('prometheus-node-exporter') as string, [`--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    expect(await waitForPort('127.0.0.1', port, exporter, 20_000)).toBe('listening');
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    deadUrl = `http://127.0.0.1:${await freePort()}/metrics`;
  });
  afterAll(() => {
    exporter?.kill('SIGTERM');
  });

  it('turns two scrapes into CPU per core, memory and network, and records a failed scrape', async () => {
    const window = openTelemetryWindow([
      { url: metricsUrl, job: 'node', component: 'gateway' },
      { url: deadUrl, job: 'gone', component: 'backend' },
    ]);
    window.begin();
    await new Promise((resolve) => setTimeout(resolve, 300));
    window.end();
    const { telemetry, resources } = await window.result();
    const [node, gone] = telemetry;
    expect(node).toMatchObject({ job: 'node', component: 'gateway', failures: [], cpu: { source: 'node' } });
    expect(node!.windowS).toBeGreaterThan(0);
    expect(node!.cpu!.perCorePct!.length).toBeGreaterThan(0);
    for (const pct of node!.cpu!.perCorePct!) expect(pct).toBeGreaterThanOrEqual(0);
    expect(node!.cpu!.totalPct).toBeLessThanOrEqual(100 * node!.cpu!.perCorePct!.length);
    expect(node!.memoryBytes).toBeGreaterThan(0);
    expect(node!.network).toBeDefined();
    expect(gone!.failures.join(' ')).toMatch(/scrape at window start failed: .*ECONNREFUSED/);
    expect(gone!.cpu).toBeUndefined();
    expect(resources).toEqual([expect.objectContaining({ role: 'gateway-host:node', pid: 0, cpuPct: node!.cpu!.totalPct })]);
  });

  describe('in a run against an external gateway', () => {
    let backend: MockBackend;
    let gateway: EmbeddedGateway;
    beforeAll(async () => {
      backend = await startMockBackend({ isolate: true });
      gateway = await startEmbeddedGateway({ backendUrl: backend.url, isolate: true });
    });
    afterAll(async () => {
      await gateway?.close();
      await backend?.close();
    });

    it('stores the telemetry with the point, fills the gateway CPU figure, and a dead endpoint never aborts', { timeout: 180_000 }, async () => {
      const scenario = parseScenario(
        [
          'name: tiny-telemetry',
          `target: { baseUrl: "${gateway.url}" }`,
          `backend: { kind: external-mock, url: "${backend.url}", adminUrl: "${backend.adminUrl}" }`,
          'sweep: { messageSizes: [1KiB], concurrency: [2] }',
          'timing: { warmup: 200ms, duration: 600ms, pause: 0s, timeout: 10s }',
          `monitor: { prometheus: [{ url: "${metricsUrl}", job: node }, { url: "${deadUrl}", job: gone, component: backend }] }`,
        ].join('\n'),
        'tiny-telemetry.yaml',
      );
      const result = await runPlan(scenario, planRun(scenario), { outDir: await mkdtemp(join(tmpdir(), 'gatebench-telemetry-')) });
      expect(result.status).toBe('complete');
      // (Requests are not the subject here: on a crowded host a short window may even finish none.)
      const [stored] = (await readRun(result.dir)).points;
      expect(stored!.telemetry?.map((entry) => [entry.job, entry.failures.length > 0])).toEqual([
        ['node', false],
        ['gone', true],
      ]);
      // No local gateway process: the host figure is the gateway's CPU in the per-point resources.
      expect(stored!.resources.filter((usage) => usage.role.startsWith('gateway'))).toEqual([expect.objectContaining({ role: 'gateway-host:node', pid: 0 })]);
      const section = telemetrySection({ run: await readRun(result.dir) } as ReportData);
      const table = section?.blocks.find((block) => block.kind === 'table');
      expect(table?.kind === 'table' && table.rows.map((cells) => cells[1]?.text)).toEqual(['node (gateway, node)', 'gone (backend, no CPU)']);
      expect(table?.kind === 'table' && Number(table.rows[0]![8]!.sortValue)).toBeGreaterThan(0);
      expect(section?.blocks.some((block) => block.kind === 'list' && block.items.some((item) => item.includes('ECONNREFUSED')))).toBe(true);
    });
  });
});
