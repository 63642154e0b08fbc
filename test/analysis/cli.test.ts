import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatTimeline, makeRun, uslPoints, writeRunDir, type PointSpec } from '../fixtures/analysis/make-run.js';
import { runCli } from '../helpers/run-cli.js';
import { DEFAULT_REGRESSION_LIMITS } from '../../src/analysis/index.js';

const cli = (...args: string[]) => runCli(args);

const LEVELS = [10, 50, 100, 200, 400];
function specs(seed: number, factor: number): PointSpec[] {
  return uslPoints({ sigma: 0.01, kappa: 0.00001, lambda: 30 }, LEVELS, { backendSleepMs: 30 }).map((spec, i) => {
    const throughputRps = spec.throughputRps * factor;
    return { ...spec, throughputRps, minMs: 30.5, timeline: flatTimeline(throughputRps, spec.p99Ms!, 20, 2, seed + i) };
  });
}

describe('analysis commands (CLI smoke)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatebench-analysis-'));
    await writeRunDir(makeRun(specs(1, 1), { runId: 'base', sloP99Ms: 300 }), join(dir, 'base'));
    await writeRunDir(makeRun(specs(50, 0.9), { runId: 'slower', sloP99Ms: 300 }), join(dir, 'slower'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fit usl prints the named parameters, and exits 2 with a reason when it refuses', async () => {
    const fitted = await cli('fit', 'usl', 'test/fixtures/analysis/usl-points.csv', '--json');
    expect(fitted.code).toBe(0);
    const json = JSON.parse(fitted.stdout) as Record<string, number>;
    for (const key of ['sigma', 'kappa', 'lambda', 'r2', 'peakConcurrency', 'peakThroughput']) expect(typeof json[key]).toBe('number');
    expect(json.sigma).toBeGreaterThan(0.04);
    expect(json.sigma).toBeLessThan(0.06);
    const few = join(dir, 'few.csv');
    await writeFile(few, 'n,throughput\n1,100\n10,800\n100,2000\n');
    const refused = await cli('fit', 'usl', few);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('USL not fitted: only 3 distinct concurrency levels');
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'users,rps\n1,100\n');
    const badRun = await cli('fit', 'usl', bad);
    expect(badRun.code).toBe(2);
    expect(badRun.stderr).toContain('lacks columns "n", "throughput"');
  });

  it('analyze prints a summary first, details with --verbose, and writes analysis.json only into --out', async () => {
    const brief = await cli('analyze', join(dir, 'base'), '--resamples', '100');
    expect(brief.code).toBe(0);
    expect(brief.stdout).toMatch(/^Run base \(synthetic\): \d+ series, \d+ points, USL fitted for \d+/);
    expect(brief.stdout).toContain('(details: --verbose; analysis.json: --out DIR)');
    expect(brief.stdout).not.toContain('Series echo-1KiB-30ms (');
    await expect(readFile(join(dir, 'base', 'analysis.json'), 'utf8')).rejects.toThrow(/ENOENT/);
    const out = join(dir, 'analysis-out');
    const result = await cli('analyze', join(dir, 'base'), '--resamples', '100', '--baseline', 'wso2:3.1.0', '--verbose', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Series echo-1KiB-30ms');
    expect(result.stdout).toContain('c5.large (2 vCPU, 4 GiB), heap 2G');
    const analysis = JSON.parse(await readFile(join(out, 'analysis.json'), 'utf8')) as { runId: string; series: Array<{ usl: { status: string } }> };
    expect(analysis.runId).toBe('base');
    expect(analysis.series[0]!.usl.status).toBe('fitted');
  });

  it('plan prints the instance count beside the WSO2 plan', async () => {
    const result = await cli('plan', join(dir, 'base'), '--rate', '5000', '--slo-p99', '300ms', '--internal-external', '--json');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as {
      estimate: { instances: number };
      answer: { kind: string };
      baselines: Array<{ label: string }>;
      deployment: { pattern: number; nodes: { gateway: number; otherGateway: number } };
    };
    expect(plan.estimate.instances).toBeGreaterThanOrEqual(1);
    expect(['measured', 'usl-extrapolation', 'sweep-bounded']).toContain(plan.answer.kind);
    expect(plan.baselines.map((baseline) => baseline.label)).toContain('WSO2 APIM 3.1.0 c5.large');
    // --internal-external: WSO2 pattern 4, a second gateway cluster of 2 beside the measured one.
    expect(plan.deployment.pattern).toBe(4);
    expect(plan.deployment.nodes.otherGateway).toBe(2);
  });

  it("compare's help shows the limits the report's --compare uses too (one constant)", async () => {
    const help = await cli('compare', '--help');
    expect(help.stdout).toContain(`largest acceptable throughput drop (default: ${DEFAULT_REGRESSION_LIMITS.maxThroughputDropPct}%)`);
    expect(help.stdout).toContain(`largest acceptable p99 rise (default: ${DEFAULT_REGRESSION_LIMITS.maxP99RisePct}%)`);
  });

  it('compare exits 1 on a 10 % drop and writes Markdown and JUnit; exits 0 against itself', async () => {
    const markdown = join(dir, 'summary.md');
    const junit = join(dir, 'junit.xml');
    const regressed = await cli('compare', join(dir, 'base'), join(dir, 'slower'), '--markdown', markdown, '--junit', junit);
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toMatch(/^REGRESSION: 5 regression/);
    expect(regressed.stderr).toContain('5 points regressed');
    expect(await readFile(markdown, 'utf8')).toContain('| echo-1KiB-30ms-c10 |');
    expect(await readFile(junit, 'utf8')).toContain('<testsuites name="gatebench compare" tests="5" failures="5">');
    const same = await cli('compare', join(dir, 'base'), join(dir, 'base'));
    expect(same.code).toBe(0);
  });
});
