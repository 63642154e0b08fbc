import { describeNodes } from '../../analysis/capacity/deployment-pattern.js';
import { trustLine } from '../../analysis/trust/trust-grade.js';
import type { CapacityPlan, InstanceEstimate, MixEntry } from '../../analysis/capacity/types.js';
import { formatSize } from '../../scenario/units.js';
import type { Section } from '../types.js';
import { formatRps, seriesName } from './format.js';
import type { ReportData } from './report-data.js';

/**
 * The answer, above everything else: what one instance carries for the scenario's traffic (with its interval),
 * the instances and WSO2 deployment pattern for capacity.targetRps, and how far to trust it (graded by the rules
 * in src/analysis/trust-grade.ts). A capacity the sweep bounded is never given as the gateway's.
 */
export function headlineSection(data: ReportData): Section {
  const { headline } = data;
  const items: Array<{ label: string; value: string }> = [];
  const plan = headline.plan;
  if (plan !== undefined) {
    items.push({ label: 'One instance carries', value: capacityWords(plan, data) });
    items.push({ label: 'Instances', value: instancesWords(plan) });
  } else {
    items.push(...withoutMix(data));
  }
  if (headline.deployment !== undefined) {
    const upper = plan?.answer.kind === 'sweep-bounded' ? ' (from the upper bound on instances)' : '';
    items.push({
      label: 'Deployment',
      value: `WSO2 ${headline.deployment.name}${upper}: ${describeNodes(headline.deployment.nodes)}. Rule applied: ${headline.deployment.rule}.`,
    });
  }
  if (headline.note !== undefined) items.push({ label: 'Note', value: headline.note });
  return {
    id: 'headline',
    title: 'The answer',
    blocks: [{ kind: 'headline', grade: headline.trust.grade, items, trust: `${trustLine(headline.trust)}. Grading rules: docs/reports.md; details under Caveats.` }],
  };
}

function interval(low: number, high: number): string {
  const round = (value: number) => Math.round(value).toLocaleString('en-US');
  return `[${round(low)}, ${round(high)}]`;
}

/** `80 % echo / 20 % mediation at 10KiB, backend sleep 0 ms`, or each entry in full when sizes or sleeps differ. */
export function mixWords(mix: readonly MixEntry[]): string {
  const share = (entry: MixEntry) => `${Number((entry.weight * 100).toFixed(1))} %`;
  const sizes = new Set(mix.map((entry) => entry.messageSizeBytes));
  const sleeps = new Set(mix.map((entry) => entry.backendSleepMs));
  if (sizes.size === 1 && sleeps.size === 1) {
    const names = mix.map((entry) => `${share(entry)} ${entry.name === entry.api ? entry.api : `${entry.name} (${entry.api})`}`).join(' / ');
    return `${names} at ${formatSize(mix[0]!.messageSizeBytes)}, backend sleep ${mix[0]!.backendSleepMs} ms`;
  }
  return mix.map((entry) => `${share(entry)} ${seriesName(entry)}`).join(' / ');
}

function capacityWords(plan: CapacityPlan, data: ReportData): string {
  const slo = `p99 ≤ ${plan.request.sloP99Ms} ms`;
  const who = `${data.run.manifest.targetDescription} on this host`;
  const mix = mixWords(plan.request.mix);
  const measured = plan.estimate;
  switch (plan.answer.kind) {
    case 'measured':
      return `${who}: ${formatRps(measured.perInstanceRps)} ${interval(measured.perInstanceLowRps, measured.perInstanceHighRps)} of ${mix}, with ${slo}.`;
    case 'usl-extrapolation': {
      const estimate = plan.answer.estimate;
      const users = Math.max(...plan.perEntry.map((entry) => entry.sweep.maxMeasuredConcurrency));
      return (
        `${who}: about ${formatRps(estimate.perInstanceRps)} ${interval(estimate.perInstanceLowRps, estimate.perInstanceHighRps)} of ${mix}, with ${slo}. ` +
        `EXTRAPOLATED with the USL beyond the ${users} users measured (${formatRps(measured.perInstanceRps)} was measured there; p99 at the peak was not).`
      );
    }
    case 'sweep-bounded': {
      const bounded = plan.perEntry.find((entry) => entry.sweep.status === 'sweep-bounded')!;
      const sweep = bounded.sweep;
      return (
        `${who}: at least ${formatRps(measured.perInstanceRps)} of ${mix}, with ${slo}; its capacity is not known. ` +
        `The sweep stopped at ${sweep.maxMeasuredConcurrency} users before the gateway did: at ${sweep.cycleTimeMs.toFixed(0)} ms per request an instance needs ` +
        `≥ ${Math.ceil(sweep.usersForTargetRps)} users to carry ${formatRps(plan.request.targetRps)} (Little's law). ` +
        `Measure concurrency ${plan.answer.widerSweep.join(', ')} to find it.`
      );
    }
  }
}

function count(estimate: InstanceEstimate): string {
  const range = estimate.instancesLow === estimate.instancesHigh ? '' : ` [${estimate.instancesLow}–${estimate.instancesHigh}]`;
  return `${estimate.instances} instance${estimate.instances === 1 ? '' : 's'}${range}`;
}

function instancesWords(plan: CapacityPlan): string {
  const need = `${formatRps(plan.request.targetRps)} with ${plan.request.headroomPct} % headroom`;
  switch (plan.answer.kind) {
    case 'measured':
      return `${need}: ${count(plan.estimate)}.`;
    case 'usl-extrapolation':
      return `${need}: ${count(plan.answer.estimate)} (extrapolated; the measured sweep alone gives at most ${plan.estimate.instances}).`;
    case 'sweep-bounded':
      return `${need}: at most ${plan.answer.instancesAtMost} — an upper bound from where the sweep stopped, not a capacity.`;
  }
}

/** No capacity.mix: the range over the per-series plans, naming how many of them the sweep bounded. */
function withoutMix(data: ReportData): Array<{ label: string; value: string }> {
  if (data.capacity.length === 0) return [{ label: 'Capacity', value: data.capacityNote ?? 'No capacity plan was made.' }];
  const sorted = [...data.capacity].sort((a, b) => a.estimate.perInstanceRps - b.estimate.perInstanceRps);
  const low = sorted[0]!;
  const high = sorted[sorted.length - 1]!;
  const bounded = data.capacity.filter((plan) => plan.answer.kind === 'sweep-bounded').length;
  const name = (plan: CapacityPlan) => seriesName(plan.request.mix[0]!);
  const boundedWords = bounded === 0 ? '' : ` ${bounded} of ${data.capacity.length} series were bounded by the sweep, not the gateway: their figures are lower bounds (see Capacity plan).`;
  return [
    {
      label: 'One instance carries',
      value:
        `no traffic mix is named (capacity.mix in the scenario), so there is no single answer: if all traffic were of one kind, from ` +
        `${formatRps(low.estimate.perInstanceRps)} (${name(low)}) to ${formatRps(high.estimate.perInstanceRps)} (${name(high)}) within p99 ≤ ${low.request.sloP99Ms} ms.${boundedWords}`,
    },
  ];
}
