import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pointUtilisation } from '../../../src/analysis/run-analysis/utilisation.js';
import { readRun } from '../../../src/store/read-run.js';
import { makePoint } from '../../fixtures/analysis/make-run.js';

const QUICK = join(import.meta.dirname, '..', '..', '..', 'results', 'examples', 'quick-2core-vm');

describe('pointUtilisation', () => {
  it('reads the gateway and backend of a stored point, and requests per gateway CPU-second', async () => {
    const run = await readRun(QUICK);
    const first = run.points.find((stored) => stored.point.pointId === 'echo-1KiB-0ms-c5-r1')!;
    const usage = pointUtilisation(first, false);
    // points.jsonl: 11,658 req/s with the gateway at 80 % of a core, the backend at 34 %.
    expect(usage.gateway).toMatchObject({ cpuPercent: 80, rssBytes: 109604864, processes: 1, source: 'gateway' });
    expect(usage.backend).toMatchObject({ cpuPercent: 34, processes: 1 });
    expect(usage.generator.cpuPercent).toBe(first.result.generator.cpuPct);
    expect(usage.requestsPerGatewayCpuSecond).toBeCloseTo(11658 / 0.8, 9);
    expect(usage.gatewayUnknown).toBeUndefined();
  });

  it('adds up the processes of one component (nginx master and workers)', () => {
    const stored = makePoint({ concurrency: 10, throughputRps: 3000 }, 0, 'r');
    stored.resources = [
      { role: 'nginx-master', pid: 1, cpuPct: 1, rssBytesMean: 1e6, rssBytesMax: 2e6 },
      { role: 'nginx-worker', pid: 2, cpuPct: 59, rssBytesMean: 1e7, rssBytesMax: 3e7 },
      { role: 'backend', pid: 3, cpuPct: 20, rssBytesMean: 1e7, rssBytesMax: 1e7 },
    ];
    const usage = pointUtilisation(stored, false);
    expect(usage.gateway).toEqual({ cpuPercent: 60, rssBytes: 3.2e7, processes: 2, source: 'nginx-master, nginx-worker' });
    expect(usage.requestsPerGatewayCpuSecond).toBeCloseTo(5000, 9);
  });

  it('says the gateway CPU is unknown for an external gateway with no telemetry, and uses monitor.pids when given', () => {
    const stored = makePoint({ concurrency: 10, throughputRps: 3000 }, 0, 'r');
    stored.resources = [{ role: 'backend', pid: 3, cpuPct: 20, rssBytesMean: 1e7, rssBytesMax: 1e7 }];
    const unknown = pointUtilisation(stored, true);
    expect(unknown.gateway).toBeNull();
    expect(unknown.requestsPerGatewayCpuSecond).toBeNull();
    expect(unknown.gatewayUnknown).toContain('gatebench did not start it');
    stored.resources.push({ role: 'monitored', pid: 9, cpuPct: 150, rssBytesMean: 1e8, rssBytesMax: 1e8 });
    expect(pointUtilisation(stored, true).requestsPerGatewayCpuSecond).toBeCloseTo(2000, 9);
  });
});
