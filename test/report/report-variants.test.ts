import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedBaselines } from '../../src/baselines/load-baseline.js';
import { buildReport } from '../../src/report/build-report.js';
import { htmlReporter } from '../../src/report/html/html-reporter.js';
import { markdownReporter } from '../../src/report/markdown-reporter.js';
import { readRun } from '../../src/store/read-run.js';
import type { StoredPoint, StoredRun } from '../../src/store/types.js';
import { FIXTURE_DIR } from './fixture.js';

/** The report built from changed copies of the fixture: what it says must follow the data. */

let run: StoredRun;

beforeAll(async () => {
  run = await readRun(FIXTURE_DIR);
});

const section = (markdown: string, title: string): string => {
  const start = markdown.indexOf(`## ${title}`);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end === -1 ? undefined : end);
};

/** A copy of a point whose every second ran slower: throughput x factor, p99 / factor. */
function slower(stored: StoredPoint, factor: number): StoredPoint {
  const timeline = stored.result.timeline.map((second) => ({
    ...second,
    requests: Math.round(second.requests * factor),
    throughputRps: second.throughputRps * factor,
    p99Ms: second.p99Ms / factor,
  }));
  return { ...stored, result: { ...stored.result, timeline, throughputRps: stored.result.throughputRps * factor } };
}

describe('report variants', () => {
  it('renders the same bytes twice from the same run (re-renderable from the store alone)', async () => {
    const first = buildReport({ run, baselines: [] });
    const second = buildReport({ run, baselines: [] });
    expect(await markdownReporter.render(second)).toBe(await markdownReporter.render(first));
    expect(await htmlReporter.render(second)).toBe(await htmlReporter.render(first));
  });

  it('says when there are too few load levels for a fit, and plots no fitted curve', async () => {
    const twoLevels: StoredRun = { ...run, points: run.points.filter((p) => (p.point.concurrency ?? 0) <= 50) };
    const report = buildReport({ run: twoLevels, baselines: [] });
    expect(report.analysis.series.every((s) => s.usl.status === 'notFitted')).toBe(true);
    const markdown = await markdownReporter.render(report);
    expect(section(markdown, 'Caveats')).toMatch(/No USL fit for 8 series/);
    expect(section(markdown, 'Throughput and latency')).toContain('not fitted');
    // No --compare and no baseline: those sections are left out rather than shown empty.
    expect(markdown).not.toContain('## Regression verdicts');
    expect(markdown).not.toContain('## Comparison with published WSO2 figures');
    expect(section(markdown, 'Method')).toContain('**Baselines:** none (pass --baseline');
  });

  it('gives a confident regression against a faster earlier run', async () => {
    // The "earlier" run was 30 % faster everywhere, so this run is a regression at every point.
    const faster: StoredRun = { ...run, points: run.points.map((p) => slower(p, 1 / 0.7)) };
    const report = buildReport({ run, baselines: [], compareRun: faster });
    expect(report.regression?.regressed).toBe(true);
    const markdown = await markdownReporter.render(report);
    expect(section(markdown, 'Executive summary')).toContain('**Regression gate:** ❌ FAIL');
    const verdicts = section(markdown, 'Regression verdicts');
    expect(verdicts.match(/\| ❌ regression \|$/gm)?.length).toBe(report.regression?.counts.regression);
    expect(report.regression?.counts.regression).toBeGreaterThan(0);
  });

  it("lists a short baseline's own figures when no series of the run matches them (the article's c3.xlarge numbers)", async () => {
    const article = loadShippedBaselines(['2.1.0_c3.xlarge_4G_article']);
    const report = buildReport({ run, baselines: article });
    expect(report.analysis.comparisons[0].points).toEqual([]);
    const comparison = section(await markdownReporter.render(report), 'Comparison with published WSO2 figures');
    expect(comparison).toContain('c3.xlarge (4 vCPU');
    expect(comparison).toMatch(/\| echo \| 10KiB \| 500 ms \| not stated \| ≈ 3,000 req\/s \|/);
    expect(comparison).toMatch(/\| mediation \| 10KiB \| 500 ms \| not stated \| ≈ 900 req\/s \|/);
  });

  it('works without a capacity target or an SLO, saying why there is no plan', async () => {
    const scenario = { ...run.manifest.scenario, capacity: undefined, slo: {} };
    const bare: StoredRun = { ...run, manifest: { ...run.manifest, scenario } };
    const report = buildReport({ run: bare, baselines: [] });
    expect(report.capacity).toEqual([]);
    const markdown = await markdownReporter.render(report);
    expect(section(markdown, 'Capacity plan')).toContain('names no capacity.targetRps');
    expect(section(markdown, 'Executive summary')).toContain('**SLO:** none set');
  });

  it('says response size, not message size, for a GET run', async () => {
    const get: StoredRun = { ...run, manifest: { ...run.manifest, scenario: { ...run.manifest.scenario, request: { method: 'GET' } } } };
    const report = buildReport({ run: get, baselines: [] });
    const markdown = await markdownReporter.render(report);
    expect(section(markdown, 'Executive summary')).toContain('| Response size |');
    expect(section(markdown, 'Executive summary')).not.toMatch(/message size/i);
    expect(markdown).toMatch(/GET requests; response sizes /);
    const titles = report.charts.map((chart) => chart.title).join('\n');
    expect(titles).toContain('Peak throughput against response size');
    expect(titles).not.toMatch(/message size/i);
    // The POST run keeps its words.
    expect(section(await markdownReporter.render(buildReport({ run, baselines: [] })), 'Executive summary')).toContain('| Message size |');
  });
});
