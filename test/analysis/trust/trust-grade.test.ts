import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../src/analysis/run-analysis/analyze-run.js';
import { planCapacity } from '../../../src/analysis/capacity/capacity.js';
import { assessTrust, trustLine, type TrustCheck } from '../../../src/analysis/trust/trust-grade.js';
import type { RunAnalysis } from '../../../src/analysis/run-analysis/types.js';
import { readRun } from '../../../src/store/read-run.js';
import type { StoredRun } from '../../../src/store/types.js';
import { makeRun, type PointSpec } from '../../fixtures/analysis/make-run.js';

/** The grade is the lowest that any rule allows; each rule is exercised on a run that breaks only it. */
const QUICK = join(import.meta.dirname, '..', '..', '..', 'results', 'examples', 'quick-2core-vm');

// Gateway-bound (throughput levels off), p99 far under the SLO: nothing about the data lowers the grade.
const LEVELS: PointSpec[] = [10, 20, 40, 80].map((concurrency) => ({ concurrency, throughputRps: 4000 * (1 - Math.exp(-concurrency / 15)), p99Ms: 20 }));

/** A run that passes every rule: 120 s windows, 3 repetitions, external gateway on its own host. */
function publishableRun(change: (run: StoredRun) => void = () => {}): StoredRun {
  const run = makeRun([1, 2, 3].flatMap((repetition) => LEVELS.map((spec) => ({ ...spec, repetition }))), { sloP99Ms: 200 });
  const scenario = run.manifest.scenario;
  scenario.timing = { ...scenario.timing, durationMs: 120_000, warmupMs: 60_000 };
  scenario.sweep = { ...scenario.sweep, repetitions: 3 };
  scenario.target = { kind: 'external', baseUrl: 'https://gateway.example:8243', routes: { echo: '/echo', mediation: '/mediation' }, headers: {}, auth: { kind: 'none' }, tls: { insecure: false } };
  scenario.backend = { kind: 'external-mock', url: 'http://backend.example:8688', adminUrl: 'http://backend.example:8689' };
  change(run);
  return run;
}

function grade(run: StoredRun) {
  const analysis = analyzeRun(run, { resamples: 50 });
  const headline = planCapacity(run, { targetRps: 3000, headroomPct: 30, sloP99Ms: 200, mix: [{ name: 'echo', api: 'echo', messageSizeBytes: 1024, backendSleepMs: 0, weight: 1 }] }, { analysis });
  return assessTrust({ run, analysis, headline });
}

const capping = (checks: TrustCheck[]) => checks.filter((check) => check.allows !== 'publishable').map((check) => [check.id, check.allows]);

describe('assessTrust rules', () => {
  it('publishable when every rule allows it', () => {
    const assessment = grade(publishableRun());
    expect(capping(assessment.checks)).toEqual([]);
    expect(assessment.grade).toBe('publishable');
    expect(trustLine(assessment)).toBe('Publishable: 120 s windows, 3 repetitions, generator not saturated, backend not saturated, gateway on its own host, capacity measured within the sweep, run complete');
  });

  it('windows: under 60 s is indicative, under 10 s a smoke test', () => {
    expect(grade(publishableRun((run) => (run.manifest.scenario.timing.durationMs = 30_000))).grade).toBe('indicative');
    expect(grade(publishableRun((run) => (run.manifest.scenario.timing.durationMs = 5_000))).grade).toBe('smoke test');
  });

  it('fewer than 3 repetitions is indicative', () => {
    const assessment = grade(publishableRun((run) => (run.manifest.scenario.sweep.repetitions = 2)));
    expect(capping(assessment.checks)).toEqual([['repetitions', 'indicative']]);
  });

  it('a saturated generator behind the headline makes it a smoke test', () => {
    const assessment = grade(publishableRun((run) => (run.points[3]!.result.generator.saturated = true)));
    expect(capping(assessment.checks)).toContainEqual(['generator', 'smoke test']);
    expect(assessment.grade).toBe('smoke test');
  });

  it('a saturated backend process is indicative', () => {
    const assessment = grade(
      publishableRun((run) => {
        run.points[2]!.resources = [{ role: 'backend', pid: 7, cpuPct: 97, rssBytesMean: 1e8, rssBytesMax: 1e8 }];
      }),
    );
    expect(capping(assessment.checks)).toEqual([['backend', 'indicative']]);
  });

  it('generator and gateway on one host is indicative', () => {
    const assessment = grade(publishableRun((run) => (run.manifest.scenario.target = { ...makeRun([]).manifest.scenario.target })));
    expect(capping(assessment.checks)).toEqual([['host', 'indicative']]);
  });

  it('an interrupted run is indicative', () => {
    expect(capping(grade(publishableRun((run) => (run.manifest.status = 'interrupted'))).checks)).toEqual([['run', 'indicative']]);
  });
});

describe('assessTrust on the committed quick run', () => {
  let run: StoredRun;
  let analysis: RunAnalysis;
  beforeAll(async () => {
    run = await readRun(QUICK);
    analysis = analyzeRun(run, { resamples: 50 });
  });

  it('1 s windows, one repetition, everything on one 2-core host: a smoke test, and the 30 ms headline is sweep-bounded', () => {
    const headline = planCapacity(run, { targetRps: 5000, headroomPct: 30, sloP99Ms: 500, mix: [{ name: 'echo', api: 'echo', messageSizeBytes: 10240, backendSleepMs: 30, weight: 1 }] }, { analysis });
    const assessment = assessTrust({ run, analysis, headline });
    expect(assessment.grade).toBe('smoke test');
    expect(capping(assessment.checks)).toEqual([
      ['window', 'smoke test'],
      ['repetitions', 'indicative'],
      ['backend', 'indicative'],
      ['host', 'indicative'],
      ['capacity', 'indicative'],
    ]);
    expect(trustLine(assessment)).toMatch(/^Smoke test: 1 s windows, 1 repetition, backend-bound \(echo\), generator, gateway and backend on one 2-core host, capacity bounded by the sweep, /);
  });
});
