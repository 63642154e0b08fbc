/**
 * Capacity planning: gateway instances like the measured one needed for a target rate and mix.
 *   per entry i:  C_i = throughput at the highest measured concurrency whose p99 <= SLO
 *   mix:          C = 1 / Σ (w_i / C_i)          (weighted harmonic: each request of type i costs 1/C_i)
 *   instances:    ceil(target / (C · (1 − headroom)))
 * The low/high instance counts come from the high/low capacities (spread of repetitions and the USL band).
 */
import { GatebenchError } from '../../errors.js';
import { SCHEMA_VERSIONS } from '../../results/versions.js';
import type { StoredRun } from '../../store/types.js';
import type { BaselinePlan, CapacityPlan, CapacityRequest, EntryCapacity, InstanceEstimate, MixEntry, PlanAnswer } from './types.js';
import type { RunAnalysis } from '../run-analysis/types.js';
import type { BaselineSet } from '../types.js';
import { combine } from './capacity-math.js';
import { analyzeRun } from '../run-analysis/analyze-run.js';
import { entryLevels } from './capacity-levels.js';
import { baselinePlans } from './capacity-baselines.js';
import { seriesLabel } from '../series-label.js';
import { sweepBound } from './sweep-bound.js';

export interface PlanOptions {
  baselines?: BaselineSet[];
  /** Reuse an analysis of the same run (otherwise one is made with the request's SLO). */
  analysis?: RunAnalysis;
  maxErrorPct?: number;
}

function validateRequest(request: CapacityRequest): MixEntry[] {
  if (!(request.targetRps > 0)) throw new GatebenchError('GB_INPUT_INVALID', `target rate ${request.targetRps} req/s: it must be more than 0`);
  if (!(request.headroomPct >= 0 && request.headroomPct < 100)) {
    throw new GatebenchError('GB_INPUT_INVALID', `headroom ${request.headroomPct} %: it must be at least 0 % and below 100 %`);
  }
  if (!(request.sloP99Ms > 0)) throw new GatebenchError('GB_INPUT_INVALID', `p99 SLO ${request.sloP99Ms} ms: it must be more than 0`, { hint: 'give --slo-p99, e.g. --slo-p99 200ms' });
  if (request.mix.length === 0) throw new GatebenchError('GB_INPUT_INVALID', 'the mix is empty: give at least one API, size and sleep');
  const total = request.mix.reduce((sum, entry) => sum + entry.weight, 0);
  if (request.mix.some((entry) => !(entry.weight >= 0)) || !(total > 0)) {
    throw new GatebenchError('GB_INPUT_INVALID', 'mix weights must be 0 or more and not all 0');
  }
  return request.mix.filter((entry) => entry.weight > 0).map((entry) => ({ ...entry, weight: entry.weight / total }));
}

function entryName(entry: MixEntry): string {
  return `${entry.name} (${seriesLabel(entry)})`;
}

export function planCapacity(run: StoredRun, request: CapacityRequest, options: PlanOptions = {}): CapacityPlan {
  const mix = validateRequest(request);
  const analysis = options.analysis ?? analyzeRun(run, { sloP99Ms: request.sloP99Ms, ...(options.maxErrorPct === undefined ? {} : { maxErrorPct: options.maxErrorPct }) });
  const included = analysis.points.filter((point) => !point.excluded);
  const warnings: string[] = [];
  const perEntry: EntryCapacity[] = mix.map((entry) => {
    const { basis, levels, seriesKey, warnings: entryWarnings } = entryLevels(entry, included, analysis.series, analysis.sizeModels);
    warnings.push(...entryWarnings);
    const within = levels.filter((level) => level.p99LatencyMs <= request.sloP99Ms);
    if (within.length === 0) {
      const lowest = levels[0];
      throw new GatebenchError(
        'GB_INPUT_INVALID',
        `${entryName(entry)}: no measured concurrency meets p99 <= ${request.sloP99Ms} ms${lowest ? ` (the lowest, ${lowest.concurrency} users, has p99 ${lowest.p99LatencyMs.toFixed(1)} ms)` : ''}`,
        { hint: 'relax --slo-p99, or measure lower concurrencies' },
      );
    }
    const chosen = within[within.length - 1]!;
    const usl = seriesKey === undefined ? undefined : analysis.series.find((item) => item.seriesKey === seriesKey)?.usl;
    const sweep = sweepBound({
      levels,
      chosenIndex: levels.indexOf(chosen),
      targetRps: request.targetRps,
      headroomPct: request.headroomPct,
      sloP99Ms: request.sloP99Ms,
      thinkTimeMs: run.manifest.scenario.timing.thinkTimeMs,
      ...(usl === undefined ? {} : { usl }),
    });
    if (chosen.backendBound) warnings.push(`${entryName(entry)}: at ${chosen.concurrency} users the backend's sleep limits throughput (backend-bound), not the gateway`);
    if (chosen.repetitions < 2 && chosen.lowRps === chosen.highRps) warnings.push(`${entryName(entry)}: one measurement and no USL fit at ${chosen.concurrency} users, so the low/high range is not an uncertainty`);
    return {
      entry,
      basis,
      concurrency: chosen.concurrency,
      p99LatencyMs: chosen.p99LatencyMs,
      perInstanceRps: chosen.throughputRps,
      perInstanceLowRps: chosen.lowRps,
      perInstanceHighRps: chosen.highRps,
      sweep,
    };
  });
  const estimate = combine(
    perEntry.map((item) => ({ weight: item.entry.weight, perInstanceRps: item.perInstanceRps, lowRps: item.perInstanceLowRps, highRps: item.perInstanceHighRps })),
    request.targetRps,
    request.headroomPct,
    (i) => `${entryName(perEntry[i]!.entry)} at ${perEntry[i]!.concurrency} users (p99 ${perEntry[i]!.p99LatencyMs.toFixed(1)} ms)`,
  );
  const sets = options.baselines ?? [];
  const baselines = baselinePlans(sets, { ...request, mix }, analysis.settings.maxErrorPct);
  const silent = sets.filter((set) => !baselines.some((plan) => plan.label.startsWith(set.label))).map((set) => set.label);
  if (silent.length > 0) warnings.push(`no row with the same API, size and sleep in: ${silent.join(', ')}`);
  // Little's law: users in flight per instance = rate per instance × Σ w_i · (N_i / X_i).
  const perInstanceRate = request.targetRps / estimate.instances;
  const concurrencyPerInstance = perInstanceRate * perEntry.reduce((sum, item) => sum + (item.entry.weight * item.concurrency) / item.perInstanceRps, 0);
  return {
    schemaVersion: SCHEMA_VERSIONS.capacity,
    request: { ...request, mix },
    answer: planAnswer(perEntry, estimate, request),
    runId: run.manifest.runId,
    machine: analysis.machine,
    perEntry,
    estimate,
    concurrencyPerInstance,
    baselines,
    warnings,
  };
}

/**
 * What the instance count means: measured; extrapolated through the USL for every sweep-bounded entry; or
 * only an upper bound (a sweep-bounded entry with no extrapolation), which is never given as the answer.
 */
function planAnswer(perEntry: EntryCapacity[], estimate: InstanceEstimate, request: CapacityRequest): PlanAnswer {
  const bounded = perEntry.filter((item) => item.sweep.status === 'sweep-bounded');
  if (bounded.length === 0) return { kind: 'measured', explanation: perEntry.map((item) => `${item.entry.name}: ${item.sweep.explanation}`).join('; ') };
  const names = bounded.map((item) => entryName(item.entry)).join(', ');
  if (bounded.every((item) => item.sweep.extrapolation !== undefined)) {
    const capacities = perEntry.map((item) => {
      const extrapolation = item.sweep.extrapolation;
      return extrapolation === undefined
        ? { weight: item.entry.weight, perInstanceRps: item.perInstanceRps, lowRps: item.perInstanceLowRps, highRps: item.perInstanceHighRps }
        : { weight: item.entry.weight, perInstanceRps: extrapolation.throughputRps, lowRps: extrapolation.interval.low, highRps: extrapolation.interval.high };
    });
    const extrapolated = combine(capacities, request.targetRps, request.headroomPct, (i) => {
      const item = perEntry[i]!;
      return item.sweep.extrapolation === undefined
        ? `${entryName(item.entry)} at ${item.concurrency} users (measured)`
        : `${entryName(item.entry)} at the USL peak N* = ${Math.round(item.sweep.extrapolation.concurrency)} users (EXTRAPOLATED)`;
    });
    return { kind: 'usl-extrapolation', estimate: extrapolated, explanation: `sweep-bounded (${names}); their capacity is the USL peak beyond the measured users, an extrapolation` };
  }
  const levels = [...new Set(bounded.flatMap((item) => item.sweep.widerSweep ?? []))].sort((a, b) => a - b);
  return {
    kind: 'sweep-bounded',
    instancesAtMost: estimate.instances,
    widerSweep: levels,
    explanation:
      `sweep-bounded (${names}): ${estimate.instances} instance${estimate.instances === 1 ? '' : 's'} is an upper bound from the sweep's range, ` +
      `not the gateway's capacity; measure concurrency ${levels.join(', ')} to find it`,
  };
}

export type { BaselinePlan };
