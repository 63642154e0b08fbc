import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { planRun } from '../../src/plan/plan.js';
import { hostInfo } from '../../src/store/host-info.js';
import { readRun } from '../../src/store/read-run.js';
import { createRunStore, openRunStore } from '../../src/store/run-store.js';
import { WSO2_COLUMNS } from '../../src/store/summary-csv.js';
import type { RunManifest, StoredPoint } from '../../src/store/types.js';
import { fakePointResult } from '../fakes/fake-driver.js';

const scenario = parseScenario('name: s\ntarget: embedded\nsweep:\n  messageSizes: [1KiB]\n  concurrency: [10, 20, 30]\n  mediation: [off, on]\n', 's.yaml');
const plan = planRun(scenario);

function manifest(): RunManifest {
  return {
    schemaVersion: 1,
    runId: 'run-1',
    scenario,
    scenarioHash: plan.scenarioHash,
    gatebench: { version: '0.0.0' },
    host: hostInfo(),
    source: 'gatebench',
    targetDescription: 't',
    backendDescription: 'b',
    startedAt: '2026-11-26T12:00:00.000Z',
    status: 'running',
    plannedPoints: plan.points.length,
  };
}

function stored(index: number, latenciesMs = [10, 20, 30, 40]): StoredPoint {
  return {
    schemaVersion: 1,
    runId: 'run-1',
    point: plan.points[index]!,
    result: fakePointResult({ latenciesMs, errors: 1 }),
    resources: [{ role: 'gateway', pid: 1, cpuPct: 55.5, rssBytesMean: 10 * 1024 ** 2, rssBytesMax: 20 * 1024 ** 2 }],
    slo: { pass: index !== 1, reasons: index === 1 ? ['p99 too high'] : [] },
  };
}

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'gatebench-store-'));

describe('run store', () => {
  it('appends points durably and keeps points.jsonl, histograms and summary.csv in step', async () => {
    const dir = join(await tempDir(), 'run-1');
    const store = await createRunStore(dir, manifest());
    await store.appendPoint(stored(0));
    await store.appendPoint(stored(1, [5, 7]));
    const lines = (await readFile(join(dir, 'points.jsonl'), 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect((JSON.parse(lines[1]!) as StoredPoint).point.pointId).toBe('echo-1KiB-0ms-c20-r1');
    const hgrm = await readFile(join(dir, 'histograms', 'echo-1KiB-0ms-c10-r1.hgrm'), 'utf8');
    expect(hgrm).toContain('Value     Percentile TotalCount');
    expect(hgrm).toMatch(/Total count\s*=\s*4\]/);

    const rows = parse(await readFile(join(dir, 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      'Scenario Name': 'Passthrough',
      'Concurrent Users': '10',
      'Message Size (Bytes)': '1024',
      'Back-end Service Delay (ms)': '0',
      Label: 'echo-1KiB-0ms-c10-r1',
      '# Samples': '4',
      'Error Count': '1',
      'Error %': '25',
      'Minimum Response Time (ms)': '10',
      'Maximum Response Time (ms)': '40',
      'Received (KB/sec)': '8',
      'Sent (KB/sec)': '4',
      Mediation: 'off',
      'SLO Pass': 'yes',
      'gateway CPU (%)': '55.5',
      'gateway RSS Max (MB)': '20',
    });
    expect(rows[1]).toMatchObject({ '# Samples': '2', 'SLO Pass': 'no', 'SLO Reasons': 'p99 too high' });

    const run = await readRun(dir);
    expect(run.manifest.runId).toBe('run-1');
    expect(run.points.map((point) => point.point.pointId)).toEqual(['echo-1KiB-0ms-c10-r1', 'echo-1KiB-0ms-c20-r1']);
  });

  it('rewrites the manifest on update', async () => {
    const dir = join(await tempDir(), 'run-1');
    const store = await createRunStore(dir, manifest());
    await store.updateManifest({ status: 'interrupted', endedAt: '2026-11-26T12:01:00.000Z' });
    const written = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as RunManifest;
    expect(written).toMatchObject({ status: 'interrupted', endedAt: '2026-11-26T12:01:00.000Z', runId: 'run-1' });
    expect(existsSync(join(dir, 'manifest.json.tmp'))).toBe(false);
  });

  it('refuses to start a run in a folder that holds one', async () => {
    const dir = join(await tempDir(), 'run-1');
    await createRunStore(dir, manifest());
    const error = await createRunStore(dir, manifest()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatebenchError);
    expect((error as GatebenchError).hint).toContain('--resume');
  });

  it('ignores a torn last line with a warning, and --resume cuts it off before appending', async () => {
    const dir = join(await tempDir(), 'run-1');
    const store = await createRunStore(dir, manifest());
    await store.appendPoint(stored(0));
    await store.appendPoint(stored(1));
    // What a kill -9 in the middle of a write leaves: part of a line, no newline.
    await appendFile(join(dir, 'points.jsonl'), JSON.stringify(stored(2)).slice(0, 300));
    const warnings: string[] = [];
    const run = await readRun(dir, { onWarning: (message) => warnings.push(message) });
    expect(run.points).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${join(dir, 'points.jsonl')}:3: ignoring a torn last line`);

    const reopened = await openRunStore(dir, { onWarning: () => undefined });
    expect(reopened.points()).toHaveLength(2);
    await reopened.appendPoint(stored(2));
    const again = await readRun(dir, { onWarning: (message) => warnings.push(message) });
    expect(again.points.map((point) => point.point.index)).toEqual([0, 1, 2]);
    expect(warnings).toHaveLength(1);
  });

  it('names the file and line of a corrupt record that is not the last', async () => {
    const dir = join(await tempDir(), 'run-1');
    const store = await createRunStore(dir, manifest());
    await store.appendPoint(stored(0));
    await appendFile(join(dir, 'points.jsonl'), '{"broken": \n');
    await store.appendPoint(stored(2));
    const error = await readRun(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatebenchError);
    expect((error as GatebenchError).code).toBe('GB_STORE_CORRUPT');
    expect((error as GatebenchError).message).toContain(`${join(dir, 'points.jsonl')}:2: not valid JSON`);
  });

  it('a points.jsonl record with a wrong field type fails at the door, naming the file, the line and the field', async () => {
    const dir = join(await tempDir(), 'run-1');
    const store = await createRunStore(dir, manifest());
    await store.appendPoint(stored(0));
    await store.appendPoint(stored(1));
    // A foreign or hand-edited line 2: p99 as a string, a field analysis would otherwise do arithmetic on.
    const lines = (await readFile(join(dir, 'points.jsonl'), 'utf8')).split('\n');
    const record = JSON.parse(lines[1]!) as StoredPoint;
    (record.result.latencyMs as unknown as Record<string, unknown>).p99 = '12.5';
    lines[1] = JSON.stringify(record);
    await writeFile(join(dir, 'points.jsonl'), lines.join('\n'));
    const error = await readRun(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatebenchError);
    expect((error as GatebenchError).code).toBe('GB_STORE_CORRUPT');
    expect((error as GatebenchError).message).toContain(`${join(dir, 'points.jsonl')}:2: not a valid gatebench point record: result.latencyMs.p99: `);
    expect((error as GatebenchError).message).toMatch(/expected number, received string/);
  });

  it('a manifest of another schema version is refused, naming the file and the field', async () => {
    const dir = join(await tempDir(), 'run-1');
    await createRunStore(dir, manifest());
    const file = join(dir, 'manifest.json');
    await writeFile(file, JSON.stringify({ ...(JSON.parse(await readFile(file, 'utf8')) as object), schemaVersion: 2 }));
    const error = await readRun(dir).catch((caught: unknown) => caught);
    expect((error as GatebenchError).code).toBe('GB_STORE_CORRUPT');
    expect((error as GatebenchError).message).toContain(`${file}: not a valid gatebench manifest: schemaVersion: `);
    expect((error as GatebenchError).hint).toContain('another gatebench version');
  });

  it('a folder without a manifest is not a run', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'points.jsonl'), '');
    const error = await readRun(dir).catch((caught: unknown) => caught);
    expect((error as GatebenchError).code).toBe('GB_STORE_CORRUPT');
    expect((error as GatebenchError).message).toContain('not a gatebench run folder');
  });
});

describe('summary.csv columns', () => {
  it("spells WSO2's columns exactly as WSO2's own summary.csv does", () => {
    // The header of WSO2's 2020+ summary.csv (from wso2/performance-apim), first 23 columns, less `Heap Size`.
    const wso2Header =
      'Scenario Name,Heap Size,Concurrent Users,Message Size (Bytes),Back-end Service Delay (ms),Label,# Samples,Error Count,Error %,Throughput (Requests/sec),Average Response Time (ms),Average Users in the System,Standard Deviation of Response Time (ms),Minimum Response Time (ms),Maximum Response Time (ms),75th Percentile of Response Time (ms),90th Percentile of Response Time (ms),95th Percentile of Response Time (ms),98th Percentile of Response Time (ms),99th Percentile of Response Time (ms),99.9th Percentile of Response Time (ms),Received (KB/sec),Sent (KB/sec)';
    expect(WSO2_COLUMNS).toEqual(wso2Header.split(',').filter((name) => name !== 'Heap Size'));
    // The committed copy of WSO2's raw summary.csv (data/baselines/raw, see its README) starts with that header.
    const raw = join(import.meta.dirname, '..', '..', 'data', 'baselines', 'raw', 'wso2-native-summary_311col_performance-apim_ddcddbd_apim-3.1.0.csv');
    expect(readFileSync(raw, 'utf8').startsWith(wso2Header)).toBe(true);
  });

  it('host info names the machine', () => {
    const host = hostInfo();
    expect(host.cores).toBeGreaterThan(0);
    expect(host.memoryBytes).toBeGreaterThan(0);
    expect(host.nodeVersion).toBe(process.version);
    expect(host.cpuModel).not.toBe('');
  });
});
