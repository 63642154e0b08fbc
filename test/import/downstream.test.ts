import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRunDir } from '../../src/analysis/run-analysis/run-files.js';
import { compareRuns } from '../../src/analysis/regression/regression.js';
import { importJmeter } from '../../src/import/jmeter-import.js';
import { importK6 } from '../../src/import/k6-import.js';
import { buildK6Plan } from '../../src/k6/k6-plan.js';
import { generateReport } from '../../src/report/index.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { readRun } from '../../src/store/read-run.js';
import { generateK6Output } from '../fixtures/k6/generate-k6-output.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

describe('imported runs downstream', () => {
  it('analyze, report and compare read imported k6 and JMeter runs unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-downstream-'));
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    const plan = buildK6Plan(scenario);
    const runs: string[] = [];
    for (const seed of [21, 22]) {
      const output = await generateK6Output(plan, join(dir), { runners: 2, perSecond: 40, seed, testStartMs: Date.parse('2026-11-20T10:00:00Z') + seed });
      const outDir = join(dir, `k6-run-${seed}`);
      await importK6({ files: output.files, outDir, scenario });
      runs.push(outDir);
    }
    const { analysis } = await analyzeRunDir(runs[0]!, { resamples: 50, seed: 1 });
    expect(analysis.points.map((finding) => finding.pointId).sort()).toEqual(plan.points.map((pointPlan) => pointPlan.point.pointId).sort());
    const report = await generateReport({ runDir: runs[0]!, outDir: join(dir, 'report'), baseline: [] });
    expect(existsSync(join(report.outDir, 'index.html'))).toBe(true);
    const regression = compareRuns(await readRun(runs[0]!), await readRun(runs[1]!), { maxThroughputDropPct: 5, maxP99RisePct: 10 }, { resamples: 100, seed: 1 });
    expect(regression.points).toHaveLength(2);
    expect(regression.baselineOnly).toEqual([]);
    expect(regression.candidateOnly).toEqual([]);

    const jmeterDir = join(dir, 'jmeter-run');
    await importJmeter({ files: [join(repoRoot, 'test/fixtures/jmeter/passthrough/4G_heap/50_users/1024B/0ms_sleep/results.jtl')], outDir: jmeterDir, warmupMs: 5000 });
    await analyzeRunDir(jmeterDir, { resamples: 50, seed: 1 });
    const jmeterReport = await generateReport({ runDir: jmeterDir, outDir: join(dir, 'jmeter-report'), baseline: [] });
    expect(existsSync(join(jmeterReport.outDir, 'index.html'))).toBe(true);
  });
});
