import type { Command } from 'commander';
import { GatebenchError } from '../../errors.js';
import { planCapacity } from '../../analysis/capacity/capacity.js';
import { readMixFile } from '../../analysis/load-inputs.js';
import { distinctSorted } from '../../analysis/stats.js';
import { formatPlan } from '../render/plan-text.js';
import type { CapacityPlan, CapacityRequest, MixEntry } from '../../analysis/capacity/types.js';
import { loadBaselines } from '../../baselines/load-baseline.js';
import { readRun } from '../../store/read-run.js';
import type { StoredRun } from '../../store/types.js';
import { formatSize, parseDurationMs, parsePercent, parseRateRps, parseSizeBytes } from '../../scenario/units.js';
import { addBaselineOptions, baselineLoadOptions, unitFlag, type BaselineFlags } from '../flags.js';
import { recommendDeployment, type DeploymentInput } from '../../analysis/capacity/deployment-pattern.js';
import { mediationShareMix } from '../../analysis/capacity/mediation-mix.js';
import { formatDeployment } from '../render/plan-text.js';

/** `gatebench plan <run-dir> --rate 5000`: gateway instances needed, from the run and from WSO2's figures. */

export interface PlanFlags extends BaselineFlags {
  rate?: string;
  size?: string;
  sleep?: string;
  mediation?: string;
  mix?: string;
  sloP99?: string;
  headroom?: string;
  minRate?: string;
  internalExternal?: boolean;
  hybrid?: boolean;
  json?: boolean;
}

const DEFAULT_HEADROOM_PCT = 30;

/** The one value the run measured for a dimension, or an error listing them when there are several. */
function onlyValue(run: StoredRun, name: string, pick: (point: StoredRun['points'][number]['point']) => number, format: (value: number) => string): number {
  const values = distinctSorted(run.points.map((stored) => pick(stored.point)));
  if (values.length === 1) return values[0]!;
  throw new GatebenchError('GB_INPUT_INVALID', `the run measured several values of ${name} (${values.map(format).join(', ')}): pick one with --${name}`);
}

/** Flags (and the scenario's defaults) -> CapacityRequest; exported so it is tested without spawning. */
export async function planRequestFromFlags(run: StoredRun, flags: PlanFlags): Promise<CapacityRequest> {
  const scenario = run.manifest.scenario;
  const rate = flags.rate !== undefined ? unitFlag('--rate', flags.rate, parseRateRps) : scenario.capacity?.targetRps;
  if (rate === undefined) throw new GatebenchError('GB_INPUT_INVALID', 'no target rate: give --rate, e.g. --rate 5000 (or set capacity.targetRps in the scenario)');
  const slo = flags.sloP99 !== undefined ? unitFlag('--slo-p99', flags.sloP99, parseDurationMs) : scenario.slo.p99Ms;
  if (slo === undefined) throw new GatebenchError('GB_INPUT_INVALID', 'no p99 SLO: give --slo-p99, e.g. --slo-p99 200ms (or set slo.p99 in the scenario)');
  const headroomPct = flags.headroom !== undefined ? unitFlag('--headroom', flags.headroom, parsePercent) : (scenario.capacity?.headroomPct ?? DEFAULT_HEADROOM_PCT);
  let mix: MixEntry[];
  const single = flags.size === undefined && flags.sleep === undefined && flags.mediation === undefined;
  if (flags.mix === undefined && single && scenario.capacity?.mix !== undefined) {
    // The scenario's own traffic question (capacity.mix), as the report's headline answers it.
    mix = scenario.capacity.mix.map((entry) => ({ ...entry }));
  } else if (flags.mix !== undefined) {
    const clash = (['size', 'sleep', 'mediation'] as const).filter((name) => flags[name] !== undefined);
    if (clash.length > 0) throw new GatebenchError('GB_INPUT_INVALID', `--mix gives size, sleep and API per entry: drop ${clash.map((name) => `--${name}`).join(', ')}`);
    mix = await readMixFile(flags.mix);
  } else {
    const messageSizeBytes = flags.size !== undefined ? unitFlag('--size', flags.size, parseSizeBytes) : onlyValue(run, 'size', (point) => point.messageSizeBytes, formatSize);
    const backendSleepMs = flags.sleep !== undefined ? unitFlag('--sleep', flags.sleep, parseDurationMs) : onlyValue(run, 'sleep', (point) => point.backendSleepMs, (value) => `${value}ms`);
    const mediationPct = flags.mediation !== undefined ? unitFlag('--mediation', flags.mediation, parsePercent) : 0;
    mix = mediationShareMix({ messageSizeBytes, backendSleepMs }, mediationPct);
  }
  return { targetRps: rate, mix, sloP99Ms: slo, headroomPct };
}

export function register(program: Command): void {
  const command = program
    .command('plan <run-dir>')
    .description('gateway instances like the measured one needed for a target rate, with a low/high range, beside the same plan from WSO2\'s published figures')
    .option('--rate <rps>', 'target rate, e.g. 5000 (default: the scenario capacity.targetRps)')
    .option('--size <size>', 'message size, e.g. 1KiB (default: the run\'s only size)')
    .option('--sleep <duration>', 'backend sleep, e.g. 30ms (default: the run\'s only sleep)')
    .option('--mediation <pct>', 'share of requests through the mediation API, e.g. 20%')
    .option('--mix <file>', 'YAML traffic mix: a list of { name, api, size, sleep, weight }')
    .option('--slo-p99 <duration>', 'p99 each instance must meet, e.g. 200ms (default: slo.p99 of the scenario)')
    .option('--headroom <pct>', `capacity kept free, e.g. 30% (default: the scenario's, else ${DEFAULT_HEADROOM_PCT} %)`)
    .option('--min-rate <rps>', 'the quietest sustained rate; a target 2x or more above it calls for autoscaling (default: the scenario capacity.minRps)')
    .option('--internal-external', 'internal and external consumers get separate gateway clusters (WSO2 pattern 4)')
    .option('--hybrid', 'part of the deployment on-premise, part in a public cloud (WSO2 pattern 5)')
    .option('--json', 'print the plan as JSON');
  addBaselineOptions(command).action(async (dir: string, flags: PlanFlags) => {
    const run = await readRun(dir);
    const request = await planRequestFromFlags(run, flags);
    const baselines = await loadBaselines(flags.baseline ?? ['wso2'], baselineLoadOptions(flags));
    const plan = planCapacity(run, request, { baselines });
    const deployment = recommendDeployment(deploymentInput(run, plan, flags));
    process.stdout.write(flags.json ? JSON.stringify({ ...plan, deployment }, null, 2) + '\n' : formatPlan(plan) + formatDeployment(deployment, plan));
  });
}

/** The pattern rule's inputs: the plan's count (the extrapolated one when there is one), the flags, else the scenario's. */
export function deploymentInput(run: StoredRun, plan: CapacityPlan, flags: PlanFlags): DeploymentInput {
  const capacity = run.manifest.scenario.capacity;
  const minRps = flags.minRate !== undefined ? unitFlag('--min-rate', flags.minRate, parseRateRps) : capacity?.minRps;
  const internalExternal = flags.internalExternal ?? capacity?.internalExternal;
  const hybrid = flags.hybrid ?? capacity?.hybrid;
  return {
    gatewayInstances: plan.answer.kind === 'usl-extrapolation' ? plan.answer.estimate.instances : plan.estimate.instances,
    targetRps: plan.request.targetRps,
    ...(minRps === undefined ? {} : { minRps }),
    ...(internalExternal === undefined ? {} : { internalExternal }),
    ...(hybrid === undefined ? {} : { hybrid }),
  };
}
