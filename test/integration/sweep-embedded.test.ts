import { readdir, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { planRun } from '../../src/plan/plan.js';
import { runPlan } from '../../src/run/run-plan.js';
import type { RunEvent } from '../../src/run/run-events.js';
import { readRun } from '../../src/store/read-run.js';
import { WSO2_COLUMNS } from '../../src/store/summary-csv.js';

// 2 sizes x 2 sleeps x 1 level x 2 APIs = 8 points of 0.2 s warm-up + 0.6 s measured, through the real
// embedded gateway and mock backend on loopback, after the default warm start (about 4 s) and with the
// default placement (pinned); the timeout is a guard against a hang on a loaded machine, not a threshold.
const scenario = parseScenario(
  [
    'name: tiny',
    'target: embedded',
    'backend: embedded',
    'sweep:',
    '  messageSizes: [50B, 10KiB]',
    '  backendSleeps: [0ms, 20ms]',
    '  concurrency: [2]',
    '  mediation: [off, on]',
    'timing: { warmup: 200ms, duration: 600ms, pause: 0s, timeout: 5s }',
    'slo: { errorRate: 0% }',
  ].join('\n'),
  'tiny.yaml',
);

describe('sweep through the embedded gateway and backend', () => {
  it('measures every point and writes the run folder', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gatebench-sweep-'));
    const events: RunEvent[] = [];
    const result = await runPlan(scenario, planRun(scenario), { outDir, onEvent: (event) => events.push(event) });

    expect(result.status).toBe('complete');
    expect(result.points).toHaveLength(8);
    for (const { point, result: measured, slo } of result.points) {
      expect(measured.requests, point.pointId).toBeGreaterThan(0);
      // Echo points check the body byte for byte, so no error also means every echo came back intact.
      expect(measured.errors, point.pointId).toBe(0);
      expect(measured.statusCounts['2xx']).toBe(measured.requests);
      expect(slo.pass).toBe(true);
      // The backend's sleep was set for the point: nothing came back faster than it.
      expect(measured.latencyMs.min, point.pointId).toBeGreaterThanOrEqual(point.backendSleepMs);
    }

    expect(events.filter((event) => event.type === 'point-end')).toHaveLength(8);

    const files = await readdir(result.dir);
    expect(files.sort()).toEqual(['histograms', 'manifest.json', 'points.jsonl', 'summary.csv']);
    expect((await readdir(join(result.dir, 'histograms'))).sort()).toEqual(result.points.map((stored) => `${stored.point.pointId}.hgrm`).sort());
    const stored = await readRun(result.dir);
    expect(stored.manifest).toMatchObject({ status: 'complete', plannedPoints: 8, source: 'gatebench' });
    expect(stored.manifest.targetDescription).toContain('reference gateway');
    // The defaults for an embedded target: a warm start through both APIs, and the gateway on its own CPUs.
    expect(stored.manifest.priming?.routes.map((route) => route.api)).toEqual(['echo', 'echo', 'mediation', 'mediation']);
    expect(stored.manifest.placement?.mode).toBe(stored.manifest.placement?.hostCpus.includes('-') || stored.manifest.placement?.hostCpus.includes(',') ? 'auto' : 'off');
    expect(stored.points).toHaveLength(8);

    const rows = parse(await readFile(join(result.dir, 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0]!).slice(0, WSO2_COLUMNS.length)).toEqual([...WSO2_COLUMNS]);
    expect(rows.map((row) => row['Scenario Name']).sort()).toEqual([...Array(4).fill('Mediation'), ...Array(4).fill('Passthrough')]);
    expect(rows.map((row) => row['Message Size (Bytes)']).sort()).toEqual(['10240', '10240', '10240', '10240', '50', '50', '50', '50']);
    expect(rows.every((row) => Number(row['# Samples']) > 0 && row['Error Count'] === '0')).toBe(true);
    // The backend runs in its own process, so its CPU and memory are on record.
    expect(stored.points.every((point) => point.resources.some((usage) => usage.role.startsWith('backend') && usage.rssBytesMax > 0))).toBe(true);
  }, 400_000);
});
