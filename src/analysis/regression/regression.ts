/**
 * The CI regression gate. For each point present in both runs (same api, size, sleep, load level; the
 * repetitions pooled), the window's samples (result.timelineSlices: the engine's 100 ms slices; the
 * per-second timeline for runs without them) give a throughput ratio (successful responses) and a p99 ratio,
 * candidate / baseline, each with a moving-block bootstrap interval (blocks of consecutive samples keep the
 * short-range correlation between neighbours). Each ratio is judged against its limit:
 *   regression    the whole interval is past the limit (a confident regression)
 *   inconclusive  the interval straddles the limit
 *   improvement   the whole interval is better by more than the same margin
 *   no-change     otherwise
 */
import { GatebenchError } from '../../errors.js';
import { levelLabel } from '../../plan/point-id.js';
import { windowSamples, type WindowSample } from '../point-intervals.js';
import { SCHEMA_VERSIONS } from '../../results/versions.js';
import type { StoredPoint, StoredRun } from '../../store/types.js';
import { describeRunMachine } from '../../baselines/machines.js';
import type { PointRegression, RatioEstimate, RegressionLimits, RegressionReport, Verdict } from './types.js';

/** The limits `gatebench compare` applies by default, and the report's --compare always: one place for both. */
export const DEFAULT_REGRESSION_LIMITS: RegressionLimits = { maxThroughputDropPct: 5, maxP99RisePct: 10 };
import type { ConfidenceInterval, IntervalMethod } from '../types.js';
import { randomIndex, seededRandom, type Random } from '../random.js';
import { groupBy, percentileInterval } from '../stats.js';

export interface CompareOptions {
  /** Bootstrap seed (default 1) and resamples (default 2000), 95 % intervals. */
  seed?: number;
  resamples?: number;
}

const LEVEL = 0.95;
/** Fewer samples than this on either side: no interval, the point is inconclusive. */
const MIN_SAMPLES = 5;

function matchKeyOf(stored: StoredPoint): string {
  const { point } = stored;
  return `${point.seriesKey}-${levelLabel(point)}`;
}

type Sample = WindowSample;

const throughputOf = (samples: readonly Sample[]) => samples.reduce((sum, sample) => sum + sample.goodRps, 0) / samples.length;

/** Response-weighted mean of the samples' p99s (samples with no response carry no weight). */
function p99Of(samples: readonly Sample[]): number {
  let weighted = 0;
  let responses = 0;
  for (const sample of samples) {
    if (sample.p99Ms <= 0) continue;
    weighted += sample.p99Ms * sample.responses;
    responses += sample.responses;
  }
  return responses === 0 ? NaN : weighted / responses;
}

/** All windows of `length` consecutive seconds inside each repetition's timeline. */
function blocksOf(timelines: readonly Sample[][], length: number): Sample[][] {
  const blocks: Sample[][] = [];
  for (const timeline of timelines) {
    const size = Math.min(length, timeline.length);
    for (let start = 0; start + size <= timeline.length; start++) blocks.push(timeline.slice(start, start + size));
  }
  return blocks;
}

function resample(blocks: readonly Sample[][], total: number, random: Random): Sample[] {
  const out: Sample[] = [];
  while (out.length < total) out.push(...blocks[randomIndex(random, blocks.length)]!);
  return out.slice(0, total);
}

function blockLength(seconds: number): number {
  return Math.max(1, Math.round(Math.cbrt(seconds)));
}

function ratioInterval(
  base: Sample[][],
  cand: Sample[][],
  statistic: (seconds: readonly Sample[]) => number,
  resamples: number,
  random: Random,
): { ratio: number; interval: ConfidenceInterval } {
  const baseAll = base.flat();
  const candAll = cand.flat();
  const ratio = statistic(candAll) / statistic(baseAll);
  const baseBlocks = blocksOf(base, blockLength(baseAll.length));
  const candBlocks = blocksOf(cand, blockLength(candAll.length));
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const value = statistic(resample(candBlocks, candAll.length, random)) / statistic(resample(baseBlocks, baseAll.length, random));
    if (Number.isFinite(value)) ratios.push(value);
  }
  return { ratio, interval: ratios.length === 0 ? { low: NaN, high: NaN, level: LEVEL } : percentileInterval(ratios, LEVEL) };
}

/** Higher is better (throughput): the limit is 1 − drop. */
function judgeHigherIsBetter(interval: ConfidenceInterval, maxDropPct: number): Verdict {
  const floor = 1 - maxDropPct / 100;
  const ceiling = 1 + maxDropPct / 100;
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return 'inconclusive';
  if (interval.high < floor) return 'regression';
  if (interval.low < floor) return 'inconclusive';
  if (interval.low > ceiling) return 'improvement';
  return 'no-change';
}

/** Lower is better (latency): the limit is 1 + rise. */
function judgeLowerIsBetter(interval: ConfidenceInterval, maxRisePct: number): Verdict {
  const ceiling = 1 + maxRisePct / 100;
  const floor = 1 - maxRisePct / 100;
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return 'inconclusive';
  if (interval.low > ceiling) return 'regression';
  if (interval.high > ceiling) return 'inconclusive';
  if (interval.high < floor) return 'improvement';
  return 'no-change';
}

const SEVERITY: Verdict[] = ['improvement', 'no-change', 'inconclusive', 'regression'];
const worstVerdict = (a: Verdict, b: Verdict): Verdict => (SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b);

function estimate(
  base: Sample[][],
  cand: Sample[][],
  statistic: (seconds: readonly Sample[]) => number,
  judge: (interval: ConfidenceInterval) => Verdict,
  resamples: number,
  random: Random,
): RatioEstimate {
  const { ratio, interval } = ratioInterval(base, cand, statistic, resamples, random);
  return { ratio, interval, verdict: judge(interval) };
}

export function compareRuns(baseline: StoredRun, candidate: StoredRun, limits: RegressionLimits, options: CompareOptions = {}): RegressionReport {
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 2000;
  if (!(limits.maxThroughputDropPct >= 0 && limits.maxP99RisePct >= 0)) {
    throw new GatebenchError('GB_INPUT_INVALID', `regression limits must be 0 % or more (got drop ${limits.maxThroughputDropPct} %, rise ${limits.maxP99RisePct} %)`);
  }
  const baseGroups = groupBy(baseline.points, matchKeyOf);
  const candGroups = groupBy(candidate.points, matchKeyOf);
  // Plan order (first repetition's index), so the table reads like the sweep.
  const byIndex = (groups: Map<string, StoredPoint[]>) => [...groups.entries()].sort((a, b) => a[1][0]!.point.index - b[1][0]!.point.index).map(([key]) => key);
  const common = byIndex(baseGroups).filter((key) => candGroups.has(key));
  const baselineOnly = byIndex(baseGroups).filter((key) => !candGroups.has(key));
  const candidateOnly = byIndex(candGroups).filter((key) => !baseGroups.has(key));
  if (common.length === 0) {
    const sample = (keys: string[]) => keys.slice(0, 4).join(', ') + (keys.length > 4 ? ', ...' : '') || 'none';
    throw new GatebenchError('GB_INPUT_INVALID', `${baseline.dir} and ${candidate.dir} have no point in common (same API, size, sleep and load level)`, {
      hint: `baseline has ${sample(baselineOnly)}; candidate has ${sample(candidateOnly)}; compare runs of the same scenario`,
    });
  }
  const random = seededRandom(seed);
  const notes: string[] = [];
  const points: PointRegression[] = common.map((key) => {
    const base = baseGroups.get(key)!;
    const cand = candGroups.get(key)!;
    const baseTimelines = base.map((stored) => windowSamples(stored.result).samples);
    const candTimelines = cand.map((stored) => windowSamples(stored.result).samples);
    const baseSeconds = baseTimelines.reduce((sum, timeline) => sum + timeline.length, 0);
    const candSeconds = candTimelines.reduce((sum, timeline) => sum + timeline.length, 0);
    const { point } = base[0]!;
    const enough = baseSeconds >= MIN_SAMPLES && candSeconds >= MIN_SAMPLES;
    if (!enough) notes.push(`${key}: only ${baseSeconds} / ${candSeconds} window samples (need ${MIN_SAMPLES} on each side): inconclusive`);
    const throughput = enough
      ? estimate(baseTimelines, candTimelines, throughputOf, (interval) => judgeHigherIsBetter(interval, limits.maxThroughputDropPct), resamples, random)
      : noInterval(cand, base, (stored) => stored.result.throughputRps);
    const p99 = enough
      ? estimate(baseTimelines, candTimelines, p99Of, (interval) => judgeLowerIsBetter(interval, limits.maxP99RisePct), resamples, random)
      : noInterval(cand, base, (stored) => stored.result.latencyMs.p99);
    return {
      matchKey: key,
      api: point.api,
      messageSizeBytes: point.messageSizeBytes,
      backendSleepMs: point.backendSleepMs,
      ...(point.concurrency === undefined ? {} : { concurrency: point.concurrency }),
      ...(point.rateRps === undefined ? {} : { rateRps: point.rateRps }),
      baselinePointIds: base.map((stored) => stored.point.pointId),
      candidatePointIds: cand.map((stored) => stored.point.pointId),
      baselineSeconds: baseSeconds,
      candidateSeconds: candSeconds,
      throughput,
      p99,
      verdict: worstVerdict(throughput.verdict, p99.verdict),
    };
  });
  const baseMachine = describeRunMachine(baseline.manifest);
  const candMachine = describeRunMachine(candidate.manifest);
  const { host: baseHost } = baseline.manifest;
  const { host: candHost } = candidate.manifest;
  if (baseHost.cpuModel !== candHost.cpuModel || baseHost.cores !== candHost.cores || baseHost.hostname !== candHost.hostname) {
    notes.push(`the runs come from different machines (${baseHost.hostname}, ${baseHost.cores} CPUs vs ${candHost.hostname}, ${candHost.cores} CPUs): a difference may be the hardware, not the code`);
  }
  notes.push('intervals cover the noise between samples within each run; run-to-run variation is only covered when repetitions were measured');
  const counts: Record<Verdict, number> = { regression: 0, improvement: 0, 'no-change': 0, inconclusive: 0 };
  for (const point of points) counts[point.verdict]++;
  const method: IntervalMethod = { kind: 'bootstrap-blocks', resamples, seed, level: LEVEL };
  return {
    schemaVersion: SCHEMA_VERSIONS.regression,
    baseline: { dir: baseline.dir, runId: baseline.manifest.runId, machine: baseMachine },
    candidate: { dir: candidate.dir, runId: candidate.manifest.runId, machine: candMachine },
    limits,
    method,
    points,
    baselineOnly,
    candidateOnly,
    counts,
    regressed: counts.regression > 0,
    notes,
  };
}

function noInterval(cand: StoredPoint[], base: StoredPoint[], pick: (stored: StoredPoint) => number): RatioEstimate {
  const average = (group: StoredPoint[]) => group.reduce((sum, stored) => sum + pick(stored), 0) / group.length;
  return { ratio: average(cand) / average(base), interval: { low: NaN, high: NaN, level: LEVEL }, verdict: 'inconclusive' };
}

/** For the CLI and CI: throws GB_REGRESSION (exit 1) when the report holds a confident regression. */
export function assertNoRegression(report: RegressionReport): void {
  if (!report.regressed) return;
  const keys = report.points.filter((point) => point.verdict === 'regression').map((point) => point.matchKey);
  throw new GatebenchError('GB_REGRESSION', `${keys.length} point${keys.length === 1 ? '' : 's'} regressed: ${keys.join(', ')}`);
}
