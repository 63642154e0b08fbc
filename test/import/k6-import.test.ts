import { appendFile, copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importK6 } from '../../src/import/k6-import.js';
import { buildK6Plan } from '../../src/k6/k6-plan.js';
import type { K6Plan } from '../../src/k6/types.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { Scenario } from '../../src/scenario/types.js';
import { readRun } from '../../src/store/read-run.js';
import { generateK6Output, type GeneratedOutput } from '../fixtures/k6/generate-k6-output.js';
import { expectLatencyOfSamples } from '../helpers/exact-latency.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const TEST_START_MS = Date.parse('2026-11-20T10:00:00Z');

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `gatebench-${prefix}-`));
}

describe('import k6', () => {
  let scenario: Scenario;
  let plan: K6Plan;
  let single: GeneratedOutput;
  let distributed: GeneratedOutput;

  beforeAll(async () => {
    scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    plan = buildK6Plan(scenario);
    single = await generateK6Output(plan, await tempDir('k6-one'), { runners: 1, perSecond: 200, seed: 7, testStartMs: TEST_START_MS });
    distributed = await generateK6Output(plan, await tempDir('k6-three'), { runners: 3, perSecond: 150, seed: 11, testStartMs: TEST_START_MS });
  });

  it('builds complete points from one runner: counts, error kinds, bytes and exact percentiles', async () => {
    const outDir = join(await tempDir('k6-import'), 'run-one');
    const { run, warnings } = await importK6({ files: single.files, outDir, scenario, k6Version: 'v1.2.3' });
    expect(warnings).toEqual([]);
    expect(run.manifest).toMatchObject({ source: 'k6', status: 'complete', plannedPoints: 2, runId: 'run-one' });
    expect(run.points.map((stored) => stored.point.pointId)).toEqual(plan.points.map((pointPlan) => pointPlan.point.pointId));
    for (const stored of run.points) {
      const mine = single.samples.filter((sample) => sample.pointId === stored.point.pointId && sample.phase === 'measure');
      const { result } = stored;
      const count = (status: number): number => mine.filter((sample) => sample.status === status).length;
      const checkFailures = single.checkFailures[stored.point.pointId] ?? 0;
      expect(result.driver).toEqual({ name: 'k6', version: 'v1.2.3' });
      expect(result.requests).toBe(mine.length);
      expect(result.statusCounts).toEqual({ '2xx': count(200), '5xx': count(503) });
      expect(result.errorsByKind).toEqual({ http_503: count(503), timeout: count(0), ...(checkFailures > 0 ? { check_failed: checkFailures } : {}) });
      expect(result.errors).toBe(count(503) + count(0) + checkFailures);
      expect(result.warmup.requests).toBe(single.samples.filter((sample) => sample.pointId === stored.point.pointId && sample.phase === 'warmup').length);
      expect(result.durationS).toBeLessThanOrEqual(5);
      expect(result.durationS).toBeGreaterThan(4.9);
      expect(result.bytesSentPerSec * result.durationS).toBeCloseTo(single.bytesSent[stored.point.pointId]!, 6);
      // Requests that got no response (timeouts) are counted but kept out of the latency histogram.
      expectLatencyOfSamples(result.latencyMs, mine.filter((sample) => sample.status !== 0).map((sample) => sample.latencyMs));
      expect(result.timeline.reduce((sum, second) => sum + second.requests, 0)).toBe(mine.length);
      expect(stored.slo.pass).toBe(result.latencyMs.p99 <= 40);
    }
    const reread = await readRun(outDir);
    expect(reread.points.map((stored) => stored.result.requests)).toEqual(run.points.map((stored) => stored.result.requests));
  });

  it('merges the 3 runners of a distributed test exactly: percentiles equal those of all samples together', async () => {
    const { run, runners } = await importK6({ files: distributed.files, outDir: join(await tempDir('k6-dist'), 'run'), scenario });
    expect(runners).toBe(3);
    // One file holding every runner's lines gives the same histograms, byte for byte.
    const combinedDir = await tempDir('k6-combined');
    const combined = join(combinedDir, 'all.json');
    await writeFile(combined, '');
    for (const file of distributed.files) await appendFile(combined, await readFile(file));
    const { run: together } = await importK6({ files: [combined], outDir: join(combinedDir, 'run'), scenario });
    for (const [index, stored] of run.points.entries()) {
      const all = distributed.samples.filter((sample) => sample.pointId === stored.point.pointId && sample.phase === 'measure');
      const answered = all.filter((sample) => sample.status !== 0).map((sample) => sample.latencyMs);
      expect(stored.result.requests).toBe(all.length);
      expect(stored.result.generator.workers).toBe(3);
      expectLatencyOfSamples(stored.result.latencyMs, answered);
      expect(decodeHistogram(stored.result.histograms.latencyUs).totalCount).toBe(answered.length);
      expect(stored.result.histograms.latencyUs).toBe(together.points[index]!.result.histograms.latencyUs);
      // Per-second counts add up across runners.
      expect(stored.result.timeline.reduce((sum, second) => sum + second.requests, 0)).toBe(all.length);
    }
  });

  it('counts the dropped iterations of an arrival-rate point, which k6 tags with the scenario only, and marks it saturated', async () => {
    const open = await loadScenario(join(repoRoot, 'test/fixtures/k6/open.yaml'));
    const openPlan = buildK6Plan(open);
    const dir = await tempDir('k6-dropped');
    // Two operator runners, gzipped, local times at +02:00, vu/iter metadata: as a k6-operator run writes them.
    const generated = await generateK6Output(openPlan, dir, { runners: 2, perSecond: 30, seed: 17, testStartMs: TEST_START_MS, droppedPerSecond: 4, utcOffsetMinutes: 120, gzip: true, operatorTags: true, metadata: true });
    const { run } = await importK6({ files: generated.files, outDir: join(dir, 'run'), scenario: open });
    for (const [index, pointPlan] of openPlan.points.entries()) {
      const pointId = pointPlan.point.pointId;
      const measured = generated.samples.filter((sample) => sample.pointId === pointId && sample.phase === 'measure');
      const windowStartMs = Math.min(...measured.map((sample) => sample.timeMs));
      const windowEndMs = Math.min(windowStartMs + pointPlan.durationMs, Math.max(...measured.map((sample) => sample.timeMs)));
      const dropped = generated.droppedTimesMs[pointId]!.filter((timeMs) => timeMs >= windowStartMs && timeMs <= windowEndMs).length;
      // Drops fell in the warm-up too; only the measured window's count.
      expect(dropped).toBeGreaterThan(0);
      expect(dropped).toBeLessThan(generated.droppedTimesMs[pointId]!.length);
      const { result } = run.points[index]!;
      expect(result.open).toMatchObject({ droppedSends: dropped, sent: measured.length + dropped });
      expect(result.generator.saturated).toBe(true);
      expect(result.generator.saturationReasons).toEqual([`k6 dropped ${dropped} iterations in the measured window: no free VU (maxVUs 200)`]);
      expect(result.requests).toBe(measured.length);
    }
  });

  it('refuses a dropped iteration of a k6 scenario that is no point of the plan, naming the file and line', async () => {
    const dir = await tempDir('k6-dropped-foreign');
    const file = join(dir, 'foreign.json');
    await copyFile(single.files[0]!, file);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').length;
    await appendFile(file, `${JSON.stringify({ type: 'Metric', data: { name: 'dropped_iterations', type: 'counter', contains: 'default', thresholds: [], submetrics: null }, metric: 'dropped_iterations' })}\n`);
    await appendFile(file, `${JSON.stringify({ metric: 'dropped_iterations', type: 'Point', data: { time: '2026-11-20T10:00:05Z', value: 1, tags: { scenario: 'p999_other' } } })}\n`);
    await expect(importK6({ files: [file], outDir: join(dir, 'run'), scenario })).rejects.toThrow(`${file}:${lines + 2}: dropped_iterations sample of k6 scenario "p999_other", which is no point of test "${plan.testId}"`);
  });

  it('names the points from gatebench-plan.json when no scenario is given', async () => {
    const dir = await tempDir('k6-plan');
    const planFile = join(dir, 'gatebench-plan.json');
    await writeFile(planFile, JSON.stringify(plan));
    const { run } = await importK6({ files: [planFile, ...single.files], outDir: join(dir, 'run') });
    expect(run.points).toHaveLength(2);
    expect(run.manifest.scenario.name).toBe('k6-import');
  });

  it('reads gzipped output, and checks it against the runners\' summaries', async () => {
    const dir = await tempDir('k6-gz');
    const files = [];
    for (const file of distributed.files) {
      const gz = join(dir, `${file.split('/').at(-1)}.gz`);
      await writeFile(gz, gzipSync(await readFile(file)));
      files.push(gz);
    }
    // Samples were generated runner by runner, in equal numbers per runner.
    const perRunner = distributed.samples.length / 3;
    const runnerOf = (index: number): number => Math.floor(index / perRunner);
    const counts = (runnerIndex: number) =>
      Object.fromEntries(
        plan.points.map((pointPlan) => {
          const pointId = pointPlan.point.pointId;
          const count = distributed.samples.filter((sample, index) => sample.pointId === pointId && sample.phase === 'measure' && runnerOf(index) === runnerIndex).length;
          return [`http_reqs{point:${pointId},phase:measure}`, { type: 'counter', contains: 'default', values: { count, rate: count / 5 } }];
        }),
      );
    const summaries = [];
    for (let runner = 0; runner < 3; runner++) {
      const summary = join(dir, `runner-${runner}-summary.json`);
      await writeFile(summary, JSON.stringify({ metrics: counts(runner), gatebench: plan }));
      summaries.push(summary);
    }
    const complete = await importK6({ files: [...files, ...summaries], outDir: join(dir, 'run') });
    expect(complete.warnings).toEqual([]);
    expect(complete.run.points.map((stored) => stored.result.requests)).toEqual(
      plan.points.map((pointPlan) => distributed.samples.filter((sample) => sample.pointId === pointPlan.point.pointId && sample.phase === 'measure').length),
    );
    // One runner's output left out: the summaries say so.
    const partial = await importK6({ files: [files[0]!, files[1]!, ...summaries], outDir: join(dir, 'run-partial') });
    expect(partial.warnings).toHaveLength(2);
    expect(partial.warnings[0]).toMatch(/the 3 summaries count \d+ measured requests, the JSON output \d+: a runner's output file may be missing/);
  });

  it('refuses summaries alone: their percentiles cannot be merged exactly', async () => {
    const dir = await tempDir('k6-summary');
    const summary = join(dir, 'summary.json');
    await writeFile(summary, JSON.stringify({ metrics: { http_req_duration: { type: 'trend', values: { 'p(99)': 12 } } }, gatebench: plan }));
    await expect(importK6({ files: [summary], outDir: join(dir, 'run') })).rejects.toThrow(/only summaries given.*cannot be merged/);
  });

  it('names the file and line of a truncated line', async () => {
    const dir = await tempDir('k6-truncated');
    const text = await readFile(single.files[0]!, 'utf8');
    const lines = text.split('\n');
    const torn = join(dir, 'torn.json');
    await writeFile(torn, `${lines.slice(0, 40).join('\n')}\n${lines[40]!.slice(0, 30)}\n`);
    await expect(importK6({ files: [torn], outDir: join(dir, 'run'), scenario })).rejects.toThrow(new RegExp(`${torn}:41: not valid JSON`));
  });

  it('names the file and line of a sample of an undeclared metric', async () => {
    const dir = await tempDir('k6-unknown');
    const file = join(dir, 'unknown.json');
    await copyFile(single.files[0]!, file);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    await appendFile(file, `${JSON.stringify({ type: 'Point', data: { time: '2026-11-20T10:00:05Z', value: 1, tags: {} }, metric: 'mystery_metric' })}\n`);
    await expect(importK6({ files: [file], outDir: join(dir, 'run'), scenario })).rejects.toThrow(`${file}:${lines.length + 1}: sample of unknown metric "mystery_metric"`);
  });

  it('refuses files of another test, naming the file and line', async () => {
    const dir = await tempDir('k6-mixed');
    const other = buildK6Plan({ ...scenario, name: 'another-test' });
    const foreign = await generateK6Output(other, dir, { runners: 1, perSecond: 20, seed: 3, testStartMs: TEST_START_MS });
    await expect(importK6({ files: [single.files[0]!, foreign.files[0]!], outDir: join(dir, 'run'), scenario })).rejects.toThrow(
      // Line 1 declares vus, line 2 is its sample (test-wide tags only), line 3 declares http_reqs, line 4 is the first request.
      new RegExp(`${foreign.files[0]}:4: sample of test "another-test@[0-9a-f]+", but the other inputs are test "k6-import@`),
    );
  });
});
