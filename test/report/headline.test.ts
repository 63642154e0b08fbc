import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planCapacity } from '../../src/analysis/capacity/capacity.js';
import { assessTrust } from '../../src/analysis/trust/trust-grade.js';
import { buildReport } from '../../src/report/build-report.js';
import { htmlReporter } from '../../src/report/html/html-reporter.js';
import { markdownReporter } from '../../src/report/markdown-reporter.js';
import type { Block, Report } from '../../src/report/types.js';
import { readRun } from '../../src/store/read-run.js';

/**
 * The headline of a report of the committed quick run, asked the quick preset's question (80 % echo / 20 %
 * mediation at 10 KiB, no backend sleep, 5,000 req/s): its numbers are the analysis's, its grade follows the
 * rules, and the badges agree with the grade.
 */
const QUICK = join(import.meta.dirname, '..', '..', 'results', 'examples', 'quick-2core-vm');

let report: Report;
let headline: Extract<Block, { kind: 'headline' }>;

beforeAll(async () => {
  const run = await readRun(QUICK);
  // The committed run predates capacity.mix; ask it the question the quick preset now asks.
  run.manifest.scenario.capacity = {
    targetRps: 5000,
    headroomPct: 30,
    mix: [
      { name: 'echo', api: 'echo', messageSizeBytes: 10240, backendSleepMs: 0, weight: 80 },
      { name: 'mediation', api: 'mediation', messageSizeBytes: 10240, backendSleepMs: 0, weight: 20 },
    ],
  };
  report = buildReport({ run, baselines: [] });
  const block = report.sections[0]!.blocks[0]!;
  if (block.kind !== 'headline') throw new Error(`first block is ${block.kind}`);
  headline = block;
}, 120_000);

const item = (label: string) => headline.items.find((entry) => entry.label === label)?.value ?? '';
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

describe('the headline of the quick run', () => {
  it('comes first, above the executive summary', () => {
    expect(report.sections.map((section) => section.id).slice(0, 2)).toEqual(['headline', 'summary']);
  });

  it("gives one instance's capacity for the mix, with its interval, equal to the analysis's figures", () => {
    const at50 = (seriesKey: string) => report.analysis.points.find((point) => point.pointId === `${seriesKey}-c50-r1`)!;
    const band = (seriesKey: string) => {
      const usl = report.analysis.series.find((series) => series.seriesKey === seriesKey)!.usl;
      return usl.status === 'fitted' ? usl.band.find((entry) => entry.concurrency === 50) : undefined;
    };
    // p99 stays within 500 ms up to 50 users in both series: capacity is the throughput there, mixed harmonically.
    const echo = at50('echo-10KiB-0ms');
    const mediation = at50('mediation-10KiB-0ms');
    const harmonic = (e: number, m: number) => 1 / (0.8 / e + 0.2 / m);
    const capacity = harmonic(echo.throughputRps, mediation.throughputRps);
    const low = harmonic(Math.min(echo.throughputRps, band('echo-10KiB-0ms')?.lowRps ?? Infinity), Math.min(mediation.throughputRps, band('mediation-10KiB-0ms')?.lowRps ?? Infinity));
    const high = harmonic(Math.max(echo.throughputRps, band('echo-10KiB-0ms')?.highRps ?? 0), Math.max(mediation.throughputRps, band('mediation-10KiB-0ms')?.highRps ?? 0));
    expect(item('One instance carries')).toBe(
      `${report.run.manifest.targetDescription} on this host: ${thousands(capacity)} req/s [${thousands(low)}, ${thousands(high)}] of 80 % echo / 20 % mediation at 10KiB, backend sleep 0 ms, with p99 ≤ 500 ms.`,
    );
    expect(report.headline.plan!.answer.kind).toBe('measured');
  });

  it('gives the instance count for capacity.targetRps with headroom, and the deployment pattern with its rule and nodes', () => {
    const capacity = report.headline.plan!.estimate.perInstanceRps;
    // 5,000 / (capacity × 0.7) rounds up to 1: one instance, two for high availability -> pattern 1.
    expect(Math.ceil(5000 / (capacity * 0.7))).toBe(1);
    expect(item('Instances')).toBe('5,000 req/s with 30 % headroom: 1 instance.');
    expect(item('Deployment')).toContain('WSO2 Pattern 1: two all-in-one nodes (active/active): 2 all-in-one nodes');
    expect(item('Deployment')).toContain('Rule applied: 1 gateway instance carries the target rate (1 carries the load; 2 for high availability)');
  });

  it('grades the run by the stated rules: 1 s windows make it a smoke test', () => {
    const expected = assessTrust({ run: report.run, analysis: report.analysis, headline: report.headline.plan! });
    expect(headline.grade).toBe('smoke test');
    expect(report.headline.trust).toEqual(expected);
    expect(expected.checks.filter((check) => check.allows !== 'publishable').map((check) => [check.id, check.allows])).toEqual([
      ['window', 'smoke test'],
      ['repetitions', 'indicative'],
      ['host', 'indicative'],
    ]);
    expect(headline.trust).toMatch(/^Smoke test: 1 s windows, 1 repetition, generator, gateway and backend on one 2-core host, /);
  });

  it('renders the box in HTML and Markdown, and no green badge on a smoke test', async () => {
    const html = await htmlReporter.render(report);
    expect(html).toContain('<div class="headline grade-smoke-test"><p class="grade"><span class="badge grade-smoke-test">smoke test</span>');
    expect(html.indexOf('id="headline"')).toBeLessThan(html.indexOf('id="summary"'));
    // 48 of 48 points met the SLO, but on a smoke test that is not shown as a green pass.
    expect(html).toMatch(/<dd class="muted">48 of 48 points met it \(p99 ≤ 500 ms, errors ≤ 1 %\) \(smoke test: see the answer above\)<\/dd>/);
    expect(html).not.toMatch(/<dd class="pass">/);
    const markdown = await markdownReporter.render(report);
    expect(markdown).toContain('> **SMOKE TEST**');
    expect(markdown).toContain('> - **Instances:** 5,000 req/s with 30 % headroom: 1 instance.');
  });

  it('plans the same figures as planCapacity on the same analysis', () => {
    const plan = planCapacity(report.run, { targetRps: 5000, headroomPct: 30, sloP99Ms: 500, mix: report.run.manifest.scenario.capacity!.mix! }, { analysis: report.analysis });
    expect(report.headline.plan!.estimate).toEqual(plan.estimate);
  });
});
