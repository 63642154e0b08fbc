import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/plan/plan.js';
import { runPlan } from '../../src/run/run-plan.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { readRun } from '../../src/store/read-run.js';
import { analyzeRun } from '../../src/analysis/run-analysis/analyze-run.js';
import { formatAnalysisSummary } from '../../src/cli/render/analysis-text.js';
import { WSO2_COLUMNS } from '../../src/store/summary-csv.js';

// A GET sweep: 2 response sizes x 2 APIs through the real embedded gateway to the mock backend, which answers
// `?size=N` with exactly N bytes. Short windows and no warm start; the timeout guards against a hang only.
const scenario = parseScenario(
  [
    'name: get-tiny',
    'target: embedded',
    'backend: embedded',
    'request: { method: GET }',
    'sweep:',
    '  messageSizes: [1KiB, 10KiB]',
    '  concurrency: [2]',
    '  mediation: [off, on]',
    'timing: { warmup: 200ms, duration: 1s, pause: 0s, timeout: 5s, prime: off }',
    'slo: { errorRate: 0% }',
  ].join('\n'),
  'get-tiny.yaml',
);

describe('GET sweep through the embedded gateway and backend', () => {
  it('gets each response size, checks its length, and says GET in the points and summary.csv', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gatebench-get-'));
    const result = await runPlan(scenario, planRun(scenario), { outDir });

    expect(result.status).toBe('complete');
    expect(result.points.map((stored) => stored.point.pointId).sort()).toEqual([
      'get-echo-10KiB-0ms-c2-r1',
      'get-echo-1KiB-0ms-c2-r1',
      'get-mediation-10KiB-0ms-c2-r1',
      'get-mediation-1KiB-0ms-c2-r1',
    ]);
    for (const { point, result: measured } of result.points) {
      expect(measured.requests, point.pointId).toBeGreaterThan(0);
      // Echo points check the response length against the size, so no error means every size came back exact.
      expect(measured.errors, point.pointId).toBe(0);
      expect(measured.statusCounts['2xx'], point.pointId).toBe(measured.requests);
      // Mediation rebuilds the mock's {payload, size} byte for byte, so both APIs answer with the size asked for:
      // per request, the body plus a status line and headers (the window's edges blur it by a few bytes).
      const receivedPerRequest = (measured.bytesReceivedPerSec * measured.durationS) / measured.requests;
      expect(receivedPerRequest, point.pointId).toBeGreaterThan(point.messageSizeBytes * 0.95);
      expect(receivedPerRequest, point.pointId).toBeLessThan(point.messageSizeBytes + 600);
    }

    const stored = await readRun(result.dir);
    expect(stored.points.every((point) => point.point.method === 'GET')).toBe(true);
    expect(stored.manifest.scenario.request).toEqual({ method: 'GET' });
    expect(stored.manifest.preflight).toMatchObject({ skipped: false, checks: [{ url: expect.stringMatching(/\/echo\?size=1024$/) }, { url: expect.stringMatching(/\/mediation\?size=1024$/) }] });

    const rows = parse(await readFile(join(result.dir, 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!).slice(0, WSO2_COLUMNS.length)).toEqual([...WSO2_COLUMNS]);
    expect(rows.map((row) => row['Method'])).toEqual(['GET', 'GET', 'GET', 'GET']);
    expect(rows.map((row) => row['Message Size (Bytes)']).sort()).toEqual(['1024', '1024', '10240', '10240']);
    expect(rows.every((row) => row['Error Count'] === '0' && Number(row['# Samples']) > 0)).toBe(true);

    // The analysis knows its sizes are the responses': the printed size model says so.
    const analysis = analyzeRun(stored, { resamples: 50 });
    expect(analysis.method).toBe('GET');
    expect(formatAnalysisSummary(analysis)).toContain('Throughput against response size');
  }, 120_000);
});
