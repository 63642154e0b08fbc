import { GatebenchError } from '../errors.js';
import { buildK6Plan } from '../k6/k6-plan.js';
import type { K6Plan } from '../k6/types.js';
import type { Scenario } from '../scenario/types.js';
import type { StoredRun } from '../store/types.js';
import { sloVerdict } from '../results/slo-verdict.js';
import { buildImportedPointResult } from './build-point-result.js';
import { K6Collector, type K6PointSamples } from './k6-collector.js';
import { classifyK6Input } from './k6-inputs.js';
import { checkAgainstSummaries } from './k6-summary-check.js';
import { describeBackend, describeTarget } from './describe-scenario.js';
import { writeImportedRun } from './write-imported-run.js';

export interface K6ImportOptions {
  files: string[];
  outDir: string;
  /** The scenario the script was exported from; else the plan comes from gatebench-plan.json or the summary. */
  scenario?: Scenario;
  /** `k6 version` of the runners, when known (k6's output does not record it). */
  k6Version?: string;
}

export interface K6ImportResult {
  run: StoredRun;
  runners: number;
  warnings: string[];
}

/**
 * Imports k6 `--out json` files (one runner, or the N runners of one distributed test) into a new run folder.
 * Latency histograms are built from the raw http_req_duration samples of every file, so percentiles of the
 * merged test are exact. Summaries alone cannot give that and are refused as the only input; given with the
 * JSON output, their per-point request counts are checked against it.
 */
export async function importK6(options: K6ImportOptions): Promise<K6ImportResult> {
  if (options.files.length === 0) throw new GatebenchError('GB_INPUT_INVALID', 'import k6: no input files given');
  const inputs = await Promise.all(options.files.map((file) => classifyK6Input(file)));
  const outputs = inputs.filter((input) => input.kind === 'json-output').map((input) => input.file);
  const summaries = inputs.filter((input) => input.kind === 'summary');
  if (outputs.length === 0) {
    throw new GatebenchError(
      'GB_INPUT_INVALID',
      `import k6: only summaries given (${summaries.map((input) => input.file).join(', ')}); a summary holds each runner's percentiles, which cannot be merged or re-derived exactly`,
      { hint: 'run k6 with --out json=<file> (the exported TestRun and `gatebench k6 run` do) and import those files' },
    );
  }
  const plan = choosePlan(options.scenario, inputs.flatMap((input) => (input.kind !== 'json-output' && input.plan ? [{ file: input.file, plan: input.plan }] : [])));
  const collector = new K6Collector(plan);
  for (const file of outputs) await collector.addFile(file);

  const warnings = await checkAgainstSummaries(summaries.map((input) => input.file), plan, collector.points);
  const points = [];
  for (const samples of collector.points.values()) {
    if (samples.measure.requests === 0) {
      warnings.push(`point ${samples.plan.point.pointId}: no measured samples in the files; left out`);
      continue;
    }
    const result = buildImportedPointResult(pointFacts(samples, options.k6Version ?? 'unknown'));
    points.push({ point: samples.plan.point, result, resources: [], slo: sloVerdict(plan.scenario.slo, result) });
  }
  const run = await writeImportedRun({
    outDir: options.outDir,
    scenario: plan.scenario,
    scenarioHash: plan.scenarioHash,
    source: 'k6',
    targetDescription: `${describeTarget(plan.scenario)}, load from k6 (${outputs.length} runner${outputs.length === 1 ? '' : 's'})`,
    backendDescription: describeBackend(plan.scenario),
    plannedPoints: plan.points.length,
    points,
  });
  return { run, runners: outputs.length, warnings };
}

function choosePlan(scenario: Scenario | undefined, found: Array<{ file: string; plan: K6Plan }>): K6Plan {
  const fromScenario = scenario ? buildK6Plan(scenario) : undefined;
  const plan = fromScenario ?? found[0]?.plan;
  if (!plan) {
    throw new GatebenchError('GB_INPUT_INVALID', 'import k6: the points are not described: give --scenario, the gatebench-plan.json written by `k6 export`, or the summary JSON the script wrote');
  }
  for (const other of found) {
    if (other.plan.testId !== plan.testId) {
      throw new GatebenchError('GB_INPUT_INVALID', `${other.file}: belongs to test "${other.plan.testId}", not "${plan.testId}"`, { hint: 'import the files of one test run at a time' });
    }
  }
  return plan;
}

function pointFacts(samples: K6PointSamples, k6Version: string) {
  const { plan: pointPlan, measure, warmup } = samples;
  const startMs = measure.firstMs;
  // The measured window lasts the planned duration, unless the test stopped early.
  const endMs = Math.min(startMs + pointPlan.durationMs, Math.max(measure.lastMs, startMs + 1));
  const dropped = samples.droppedTimesMs.filter((timeMs) => timeMs >= startMs && timeMs <= endMs).length;
  const saturationReasons = dropped > 0 ? [`k6 dropped ${dropped} iterations in the measured window: no free VU (maxVUs ${pointPlan.maxInFlight ?? '?'})`] : [];
  return {
    point: pointPlan.point,
    measure,
    warmup,
    driver: { name: 'k6', version: k6Version },
    window: { startMs, endMs },
    ...(warmup.requests > 0 ? { warmupWindow: { startMs: warmup.firstMs, endMs: startMs } } : {}),
    bytesSent: samples.bytesSent,
    bytesReceived: samples.bytesReceived,
    runners: samples.files.size,
    thinkTimeMs: pointPlan.thinkTimeMs,
    ...(pointPlan.point.model === 'open'
      ? { open: { targetRps: pointPlan.point.rateRps ?? 0, droppedSends: dropped, maxInFlight: pointPlan.maxInFlight ?? 0 } }
      : {}),
    saturationReasons,
  };
}
