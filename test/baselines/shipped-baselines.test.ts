import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselinesDir, loadBaseline, loadMachineTable, loadShippedBaselines, SHIPPED_BASELINE_FILES } from '../../src/baselines/load-baseline.js';
import { baselineFromRun } from '../../src/baselines/from-run.js';
import { analyzeRun } from '../../src/analysis/run-analysis/analyze-run.js';
import { makeRun } from '../fixtures/analysis/make-run.js';

describe('shipped WSO2 baselines', () => {
  const sets = loadShippedBaselines();

  it('loads every shipped file: the rows of all_runs_combined.csv plus the 3 article figures it leaves out', () => {
    expect(sets).toHaveLength(SHIPPED_BASELINE_FILES.length);
    const combinedRows = readFileSync(join(baselinesDir(), 'all_runs_combined.csv'), 'utf8').trim().split('\n').length - 1;
    expect(combinedRows).toBe(759);
    expect(sets.reduce((total, set) => total + set.points.length, 0)).toBe(combinedRows + 3);
  });

  it('keeps the article figures as approximate c3.xlarge points with no concurrency', () => {
    const article = sets.find((set) => set.file.endsWith('2.1.0_c3.xlarge_4G_article-figures.csv'))!;
    expect(article.label).toBe('WSO2 APIM 2.1.0 c3.xlarge (approximate)');
    expect(article.points.map((point) => [point.api, point.messageSizeBytes, point.sleepMs, point.throughputRps, point.concurrency, point.approximate])).toEqual([
      ['echo', 10240, 500, 3000, null, true],
      ['mediation', 10240, 500, 900, null, true],
      ['echo', 102400, 500, 400, null, true],
    ]);
    expect(article.points[0]!.machine).toMatchObject({ instanceType: 'c3.xlarge', vCpus: 4 });
  });

  it('has the vCPU table for every instance type the baselines use', () => {
    const machines = loadMachineTable();
    expect([...machines.entries()].map(([type, machine]) => [type, machine.vCpus])).toEqual(
      expect.arrayContaining([['c3.xlarge', 4], ['c5.large', 2], ['m5.large', 2]]),
    );
    for (const set of sets) for (const point of set.points) expect(machines.get(point.machine.instanceType!)?.vCpus).toBe(point.machine.vCpus);
  });

  it('compares a run point by point and per vCPU, with both machines stated', () => {
    const run = makeRun([50, 100, 200, 300].map((concurrency) => ({ concurrency, backendSleepMs: 30, throughputRps: concurrency * 20, p99Ms: concurrency })), { cores: 4, sloP99Ms: 200 });
    const analysis = analyzeRun(run, { resamples: 50, baselines: loadShippedBaselines(['3.1.0']) });
    const comparison = analysis.comparisons[0]!;
    expect(comparison.ours.vCpus).toBe(4);
    expect(comparison.ours.description).toContain('Synthetic CPU, 4 logical CPUs');
    expect(comparison.theirs.map((machine) => machine.description)).toEqual(['c5.large (2 vCPU, 4 GiB), heap 2G']);
    const c200 = comparison.points.find((point) => point.concurrency === 200)!;
    // ours 4000 req/s on 4 CPUs; theirs 3065.46 req/s on 2 vCPUs (wso2-apim-3.1.0 echo 1024 B 30 ms 200 users)
    expect(c200.theirsRps).toBe(3065.46);
    expect(c200.ratio).toBeCloseTo(4000 / 3065.46, 9);
    expect(c200.perVcpuRatio).toBeCloseTo(4000 / 4 / (3065.46 / 2), 9);
    expect(comparison.points).toHaveLength(4);
    expect(comparison.notes.some((note) => note.includes('different hardware'))).toBe(true);
    const series = comparison.series[0]!;
    // ours: p99 crosses 200 ms between 200 and 300 users (200 → 300 ms): 200. theirs: 190 ms at 200, 249 at 300.
    expect(series).toMatchObject({ oursPeakRps: 6000, theirsPeakRps: 3110.53, oursKneeConcurrency: 200 });
    expect(series.theirsKneeConcurrency).toBeCloseTo(200 + ((200 - 190) / (249 - 190)) * 100, 9);
  });

  it('warns that a GET run\'s response sizes are not WSO2\'s POSTed sizes, and only for GET', () => {
    const levels = [50, 100, 200, 300].map((concurrency) => ({ concurrency, backendSleepMs: 30, throughputRps: concurrency * 20, p99Ms: concurrency }));
    const post = makeRun(levels, { cores: 4 });
    const get = makeRun(levels, { cores: 4 });
    get.manifest.scenario = { ...get.manifest.scenario, request: { method: 'GET' } };
    const baselines = loadShippedBaselines(['3.1.0']);
    const [postAnalysis, getAnalysis] = [post, get].map((run) => analyzeRun(run, { resamples: 50, baselines }));
    expect([postAnalysis!.method, getAnalysis!.method]).toEqual(['POST', 'GET']);
    const warning = (notes: string[]) => notes.filter((note) => note.startsWith('different request: WSO2 POSTed'));
    expect(warning(postAnalysis!.comparisons[0]!.notes)).toHaveLength(0);
    expect(warning(getAnalysis!.comparisons[0]!.notes)).toHaveLength(1);
    // A gatebench run as the baseline was measured the gatebench way: no such warning.
    expect(warning(analyzeRun(get, { resamples: 50, baselines: [baselineFromRun(post)] }).comparisons[0]!.notes)).toHaveLength(0);
  });

  it('reads a gatebench run folder as a baseline, averaging repetitions', async () => {
    const set = baselineFromRun(makeRun([
      { concurrency: 10, repetition: 1, throughputRps: 100 },
      { concurrency: 10, repetition: 2, throughputRps: 300 },
    ]));
    expect(set.points).toHaveLength(1);
    expect(set.points[0]).toMatchObject({ concurrency: 10, throughputRps: 200, machine: { vCpus: 4 } });
    const fromDisk = await loadBaseline('test/fixtures/run-small');
    expect(fromDisk.layout).toBe('gatebench-run');
    expect(fromDisk.points.length).toBeGreaterThan(0);
  });
});
