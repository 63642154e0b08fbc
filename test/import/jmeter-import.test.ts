import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importJmeter } from '../../src/import/jmeter-import.js';
import { parseLabelMap } from '../../src/import/point-spec.js';
import { createHistogram, recordMicros } from '../../src/metrics/histogram.js';
import { summarizeMs } from '../../src/results/latency-summary.js';
import { readRun } from '../../src/store/read-run.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const WSO2_FILE = join(repoRoot, 'test/fixtures/jmeter/passthrough/4G_heap/50_users/1024B/0ms_sleep/results.jtl');
const LABELS_FILE = join(repoRoot, 'test/fixtures/jmeter/labels.jtl');

async function outDir(name: string): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'gatebench-jmeter-')), name);
}

describe('import jmeter', () => {
  it('imports a WSO2 results.jtl: point from the folder layout, warm-up cut by time, values checked', async () => {
    const dir = await outDir('wso2');
    const { run, warnings } = await importJmeter({ files: [WSO2_FILE], outDir: dir, warmupMs: 5000 });
    expect(warnings).toEqual([]);
    expect(run.manifest).toMatchObject({ source: 'jmeter', status: 'complete', plannedPoints: 1 });
    expect(run.manifest.targetDescription).toContain('https://127.0.0.1:8243');
    const [stored] = run.points;
    expect(stored!.point).toMatchObject({ pointId: 'echo-1KiB-0ms-c50-r1', api: 'echo', messageSizeBytes: 1024, backendSleepMs: 0, concurrency: 50, model: 'closed' });
    const result = stored!.result;
    expect(result.driver.name).toBe('jmeter');
    expect(result.requests).toBe(8);
    expect(result.statusCounts).toEqual({ '2xx': 6, '5xx': 1 });
    expect(result.errorsByKind).toEqual({ http_503: 1, check_failed: 1, timeout: 1 });
    expect(result.errors).toBe(3);
    expect(result.errorPct).toBe(37.5);
    // Window: first sample + 5 s warm-up to the last measured completion (…8920 + 80 ms).
    expect(result.durationS).toBe(4);
    // Goodput: 5 of the 8 samples passed (schema 2); JMeter's own Throughput counts all 8.
    expect(result.throughputRps).toBe(1.25);
    expect(result.rates).toEqual({ attemptsPerSec: 2, responsesPerSec: 7 / 4, successfulPerSec: 1.25 });
    expect(result.bytesReceivedPerSec).toBe((6 * 1310 + 220 + 2480) / 4);
    expect(result.bytesSentPerSec).toBe((8 * 1250) / 4);
    // The timed-out sample has no response, so its elapsed time stays out of the latency figures.
    const expected = createHistogram();
    for (const ms of [10, 20, 30, 40, 50, 60, 80]) recordMicros(expected, ms * 1000);
    expect(result.latencyMs).toEqual(summarizeMs(expected));
    expect(result.latencyMs.p50).toBeCloseTo(40, 1);
    expect(result.warmup).toMatchObject({ requests: 4, errors: 1, durationS: 5 });
    // Timeline by completion second: …5.010 .420 .830 | 6.140 .550 .960 | – | 8.200 (timeout) | 9.000.
    expect(result.timeline.map((second) => second.requests)).toEqual([3, 3, 0, 1, 1]);
    const reread = await readRun(dir);
    expect(reread.points[0]!.result.requests).toBe(8);
  });

  it('groups by label with --map, takes concurrency from grpThreads, and merges the files of one distributed test', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-jmeter-two-'));
    const second = join(dir, 'runner-2.jtl');
    await copyFile(LABELS_FILE, second);
    const { run } = await importJmeter({ files: [LABELS_FILE, second], outDir: join(dir, 'run'), warmupMs: 2000, labelMap: parseLabelMap(['Echo API=echo/1KiB/30ms']) });
    expect(run.points.map((stored) => stored.point.pointId)).toEqual(['echo-1KiB-30ms-c20-r1', 'mediation-1KiB-30ms-c20-r1']);
    for (const stored of run.points) {
      // 10 samples per label per file, the first 2 s of each label are warm-up: 8 measured, twice.
      expect(stored.result.requests).toBe(16);
      expect(stored.result.warmup.requests).toBe(4);
      expect(stored.result.generator.workers).toBe(2);
      expect(stored.result.errors).toBe(0);
    }
    expect(run.points[0]!.result.latencyMs.min).toBeCloseTo(32, 1);
    expect(run.manifest.scenario.sweep.apis).toEqual(['echo', 'mediation']);
  });

  it('says which label needs a mapping, naming file and line', async () => {
    await expect(importJmeter({ files: [LABELS_FILE], outDir: await outDir('nomap'), warmupMs: 0 })).rejects.toThrow(
      `${LABELS_FILE}:2: label "Echo API" does not say which point it measured`,
    );
  });

  it('refuses a truncated line, naming file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-jmeter-bad-'));
    const lines = (await readFile(LABELS_FILE, 'utf8')).trimEnd().split('\n');
    const torn = join(dir, 'torn.jtl');
    await writeFile(torn, `${lines.slice(0, 6).join('\n')}\n${lines[6]!.slice(0, 40)}\n`);
    await expect(importJmeter({ files: [torn], outDir: join(dir, 'run'), warmupMs: 0, labelMap: parseLabelMap(['Echo API=echo/1KiB/30ms']) })).rejects.toThrow(
      `${torn}:7: expected 17 fields as in the header, found`,
    );
  });

  it('refuses files with different columns (mixed tests) and timestamps that are not epoch ms', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-jmeter-mixed-'));
    const lines = (await readFile(LABELS_FILE, 'utf8')).trimEnd().split('\n');
    const other = join(dir, 'other.jtl');
    await writeFile(other, `${lines.map((line) => line.split(',').slice(0, 16).join(',')).join('\n')}\n`);
    const map = parseLabelMap(['Echo API=echo/1KiB/30ms']);
    await expect(importJmeter({ files: [LABELS_FILE, other], outDir: join(dir, 'run'), warmupMs: 0, labelMap: map })).rejects.toThrow(`${other}:1: its columns differ`);
    const dated = join(dir, 'dated.jtl');
    await writeFile(dated, `${lines[0]}\n${lines[1]!.replace(/^\d+/, '2026/11/20 10:00:00')}\n`);
    await expect(importJmeter({ files: [dated], outDir: join(dir, 'run2'), warmupMs: 0, labelMap: map })).rejects.toThrow(`${dated}:2: timeStamp "2026/11/20 10:00:00" is not a number`);
  });

  it('rejects a malformed --map entry', () => {
    expect(() => parseLabelMap(['HTTP Request=echo/1KiB'])).toThrow(/expected 'label=api\/size\/sleep\[\/concurrency\]'/);
  });
});
