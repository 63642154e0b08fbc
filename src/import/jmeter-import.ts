import { GatebenchError } from '../errors.js';
import { pointIdOf, seriesKeyOf } from '../plan/point-id.js';
import { scenarioHash } from '../plan/plan.js';
import type { PlanPoint } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import type { StoredRun } from '../store/types.js';
import { sloVerdict } from '../results/slo-verdict.js';
import { buildImportedPointResult } from './build-point-result.js';
import { describeBackend, describeTarget } from './describe-scenario.js';
import { importedScenario } from './imported-scenario.js';
import { inputError } from './input-error.js';
import { jmeterErrorKind, readJmeterCsv, type JmeterSample } from './jmeter-reader.js';
import { PhaseAccumulator } from './point-accumulator.js';
import { parsePointSpec, pointSpecFromWso2Path, type PointSpec } from './point-spec.js';
import { writeImportedRun } from './write-imported-run.js';

export interface JmeterImportOptions {
  files: string[];
  outDir: string;
  /** Cut from the first sample of each point: samples that started earlier are warm-up. */
  warmupMs: number;
  /** label -> point, for labels that do not name their point themselves. */
  labelMap?: Map<string, PointSpec>;
  scenario?: Scenario;
}

interface Group {
  spec: PointSpec;
  firstStartMs: number;
  maxGrpThreads: number;
  files: Set<string>;
  measure: PhaseAccumulator;
  warmup: PhaseAccumulator;
  lastEndMs: number;
  bytesSent: number;
  bytesReceived: number;
}

/**
 * Imports JMeter CSV results (one file per point as WSO2 runs them, or labels within one test, or the files of
 * a distributed JMeter test) into a new run folder. Samples are grouped into points by `--map`, by labels that
 * are point specs (`echo/1KiB/30ms/100`), or by WSO2's results folder layout. Two passes: the first finds each
 * point's first sample (the warm-up is cut from there), the second records.
 */
export async function importJmeter(options: JmeterImportOptions): Promise<{ run: StoredRun; warnings: string[] }> {
  if (options.files.length === 0) throw new GatebenchError('GB_INPUT_INVALID', 'import jmeter: no input files given');
  const groups = new Map<string, Group>();
  let firstHeader: { file: string; header: string } | undefined;
  let firstUrl = '';
  for (const file of options.files) {
    const { header } = await readJmeterCsv(file, (sample) => {
      const spec = resolveSpec(file, sample, options.labelMap);
      const key = specKey(spec);
      let group = groups.get(key);
      if (!group) {
        group = { spec, firstStartMs: Infinity, maxGrpThreads: 0, files: new Set(), measure: new PhaseAccumulator(), warmup: new PhaseAccumulator(), lastEndMs: 0, bytesSent: 0, bytesReceived: 0 };
        groups.set(key, group);
      }
      group.firstStartMs = Math.min(group.firstStartMs, sample.timeStamp);
      group.maxGrpThreads = Math.max(group.maxGrpThreads, sample.grpThreads || sample.allThreads);
      group.files.add(file);
      if (firstUrl === '' && sample.url !== '') firstUrl = sample.url;
    });
    const joined = header.join(',');
    if (firstHeader && firstHeader.header !== joined) {
      throw inputError(file, 1, `its columns differ from ${firstHeader.file}'s: these are results of different tests or JMeter settings`, 'import one test at a time');
    }
    firstHeader ??= { file, header: joined };
  }
  for (const file of options.files) {
    await readJmeterCsv(file, (sample) => record(groups.get(specKey(resolveSpec(file, sample, options.labelMap)))!, sample, options.warmupMs));
  }

  const warnings: string[] = [];
  const ordered = [...groups.values()].sort(compareGroups);
  const points: PlanPoint[] = ordered.map((group, index) => planPoint(group, index));
  const scenario = options.scenario ?? importedScenario('jmeter-import', points, { warmupMs: options.warmupMs, durationMs: medianWindowMs(ordered, options.warmupMs) }, firstUrl);
  const stored = [];
  for (const [index, group] of ordered.entries()) {
    const point = points[index]!;
    if (group.measure.requests === 0) {
      warnings.push(`point ${point.pointId}: every sample fell in the ${options.warmupMs} ms warm-up; left out`);
      continue;
    }
    const windowStartMs = group.firstStartMs + options.warmupMs;
    const result = buildImportedPointResult({
      point,
      measure: group.measure,
      warmup: group.warmup,
      driver: { name: 'jmeter', version: 'unknown' },
      window: { startMs: windowStartMs, endMs: Math.max(group.lastEndMs, windowStartMs + 1) },
      warmupWindow: { startMs: group.firstStartMs, endMs: windowStartMs },
      bytesSent: group.bytesSent,
      bytesReceived: group.bytesReceived,
      runners: group.files.size,
      thinkTimeMs: 0,
      saturationReasons: [],
    });
    stored.push({ point, result, resources: [], slo: sloVerdict(scenario.slo, result) });
  }
  const run = await writeImportedRun({
    outDir: options.outDir,
    scenario,
    scenarioHash: scenarioHash(scenario),
    source: 'jmeter',
    targetDescription: `${describeTarget(scenario)}, load from JMeter (${options.files.length} file${options.files.length === 1 ? '' : 's'})`,
    backendDescription: describeBackend(scenario),
    plannedPoints: points.length,
    points: stored,
  });
  return { run, warnings };
}

function record(group: Group, sample: JmeterSample, warmupMs: number): void {
  const phase = sample.timeStamp < group.firstStartMs + warmupMs ? 'warmup' : 'measure';
  const code = Number(sample.responseCode);
  const answered = Number.isInteger(code) && code >= 100;
  const endMs = sample.timeStamp + sample.elapsedMs;
  group[phase].add({
    timeMs: endMs,
    latencyMs: answered ? sample.elapsedMs : undefined,
    phase,
    statusClass: answered ? `${Math.floor(code / 100)}xx` : undefined,
    errorKind: jmeterErrorKind(sample),
  });
  if (phase === 'measure') {
    group.lastEndMs = Math.max(group.lastEndMs, endMs);
    group.bytesSent += sample.sentBytes;
    group.bytesReceived += sample.bytes;
  }
}

function resolveSpec(file: string, sample: JmeterSample, labelMap: Map<string, PointSpec> | undefined): PointSpec {
  const spec = labelMap?.get(sample.label) ?? parsePointSpec(sample.label) ?? pointSpecFromWso2Path(file);
  if (!spec) {
    throw inputError(file, sample.line, `label ${JSON.stringify(sample.label)} does not say which point it measured`, `map it: --map '${sample.label}=echo/1KiB/0ms' (api/size/sleep[/concurrency]), or keep WSO2's <scenario>/<heap>_heap/<users>_users/<size>B/<sleep>ms_sleep/ folders`);
  }
  return spec;
}

function specKey(spec: PointSpec): string {
  return `${spec.api}|${spec.messageSizeBytes}|${spec.backendSleepMs}|${spec.concurrency ?? ''}`;
}

function planPoint(group: Group, index: number): PlanPoint {
  const { spec } = group;
  const seriesKey = seriesKeyOf(spec.api, spec.messageSizeBytes, spec.backendSleepMs);
  const concurrency = spec.concurrency ?? Math.max(1, group.maxGrpThreads);
  return { pointId: pointIdOf(seriesKey, { concurrency }, 1), index, api: spec.api, messageSizeBytes: spec.messageSizeBytes, backendSleepMs: spec.backendSleepMs, model: 'closed', concurrency, repetition: 1, seriesKey };
}

function compareGroups(a: Group, b: Group): number {
  return a.spec.api.localeCompare(b.spec.api) || a.spec.messageSizeBytes - b.spec.messageSizeBytes || a.spec.backendSleepMs - b.spec.backendSleepMs || (a.spec.concurrency ?? a.maxGrpThreads) - (b.spec.concurrency ?? b.maxGrpThreads);
}

function medianWindowMs(groups: Group[], warmupMs: number): number {
  const windows = groups.map((group) => Math.max(0, group.lastEndMs - (group.firstStartMs + warmupMs))).sort((a, b) => a - b);
  return Math.round(windows[Math.floor(windows.length / 2)] ?? 0);
}
