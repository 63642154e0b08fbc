import { recommendDeployment } from '../../analysis/capacity/deployment-pattern.js';
import { STILL_RISING_GAIN } from '../../analysis/capacity/sweep-bound.js';
import type { CapacityPlan } from '../../analysis/capacity/types.js';
import type { Block, Cell, Section } from '../types.js';
import { formatMs, formatRps, none, num, seriesName, text } from './format.js';
import { mixWords } from './headline-section.js';
import type { ReportData } from './report-data.js';

/**
 * The capacity plan: for the scenario's capacity.targetRps, gateway instances needed for its traffic mix (when
 * it names one) and if all the traffic were of one kind (one plan per measured series), with the per-instance
 * capacity within the p99 SLO, a low-high range, whether the sweep bounded it (Little's law), the WSO2 pattern
 * and what the baselines would say. The arithmetic is shown, not just the answer.
 */
export function capacitySection(data: ReportData): Section {
  const blocks: Block[] = [];
  if (data.capacity.length === 0 && data.headline.plan === undefined) {
    blocks.push({ kind: 'paragraph', text: data.capacityNote ?? 'No capacity plan was made.' });
    return { id: 'capacity', title: 'Capacity plan', blocks };
  }
  const mixPlan = data.headline.plan;
  if (mixPlan !== undefined) {
    blocks.push({ kind: 'paragraph', text: `The scenario's traffic (${mixWords(mixPlan.request.mix)}): ${mixPlan.answer.explanation}.` });
    blocks.push({ kind: 'preformatted', text: planWorking(mixPlan) });
  }
  if (data.capacity.length === 0) {
    if (data.capacityNote !== undefined) blocks.push({ kind: 'paragraph', text: data.capacityNote });
    return { id: 'capacity', title: 'Capacity plan', blocks };
  }
  const request = data.capacity[0]!.request;
  blocks.push({
    kind: 'paragraph',
    text:
      `Instances of this gateway, on this host, needed to serve ${formatRps(request.targetRps)} with p99 ≤ ${request.sloP99Ms} ms and ` +
      `${request.headroomPct} % headroom, if all traffic were of one kind. Per-instance capacity is the throughput at the highest ` +
      'measured load level whose p99 met the SLO; the range comes from the spread over repetitions and the USL confidence interval. ' +
      "Where p99 still met the SLO at the largest level and throughput was still rising, that capacity is where the sweep stopped (Little's law), " +
      'so the count is only an upper bound ("≤") and the row says which levels to measure.',
  });
  const baselineLabels = [...new Set(data.capacity.flatMap((plan) => plan.baselines.map((b) => b.label)))];
  blocks.push({
    kind: 'table',
    caption: `Instances for ${formatRps(request.targetRps)} (p99 ≤ ${request.sloP99Ms} ms, ${request.headroomPct} % headroom)`,
    columns: [
      { header: 'Traffic' },
      { header: 'Users per instance', numeric: true },
      { header: 'p99 there', numeric: true },
      { header: 'Capacity per instance', numeric: true },
      { header: 'Range', numeric: true },
      { header: 'Instances', numeric: true },
      { header: 'Range (instances)' },
      { header: 'Limited by' },
      { header: 'WSO2 pattern', numeric: true },
      ...baselineLabels.map((label) => ({ header: `${label}: instances` })),
    ],
    rows: data.capacity.map((plan) => planRow(plan, baselineLabels, data)),
  });
  if (data.capacityNote !== undefined) blocks.push({ kind: 'paragraph', text: data.capacityNote });
  const warnings = groupWarnings(data.capacity.flatMap((plan) => plan.warnings));
  if (warnings.length > 0) blocks.push({ kind: 'list', items: warnings });
  const worked = data.capacity[0]!;
  blocks.push({ kind: 'paragraph', text: `How the first row was worked out (${worked.perEntry.map((e) => seriesName(e.entry)).join(', ')}):` });
  blocks.push({ kind: 'preformatted', text: planWorking(worked) });
  const notes = data.capacity.flatMap((plan) => plan.baselines.map((b) => `${b.label} (${b.machine.description}): ${b.note}`));
  if (notes.length > 0) blocks.push({ kind: 'list', items: groupWarnings(notes) });
  return { id: 'capacity', title: 'Capacity plan', blocks };
}

function planWorking(plan: CapacityPlan): string {
  const extrapolated = plan.answer.kind === 'usl-extrapolation' ? ['', 'extrapolated (USL):', ...plan.answer.estimate.working] : [];
  return [
    ...plan.perEntry.map((e) => `basis: ${e.basis}`),
    ...plan.perEntry.map((e) => `sweep: ${e.sweep.explanation}`),
    ...plan.estimate.working,
    ...extrapolated,
  ].join('\n');
}

function planRow(plan: CapacityPlan, baselineLabels: string[], data: ReportData): Cell[] {
  const entry = plan.perEntry[0];
  const estimate = plan.estimate;
  const name = seriesName(plan.request.mix[0]!);
  if (entry === undefined) return [text(name), none(), none(), none(), none(), none(), none(), none(), none(), ...baselineLabels.map(() => none())];
  const answer = plan.answer;
  const instances =
    answer.kind === 'sweep-bounded'
      ? num(answer.instancesAtMost, `≤ ${answer.instancesAtMost}`, 'warn')
      : answer.kind === 'usl-extrapolation'
        ? num(answer.estimate.instances, `${answer.estimate.instances} (extrapolated)`, 'warn')
        : num(estimate.instances, String(estimate.instances));
  const limitedBy =
    answer.kind === 'sweep-bounded'
      ? text(`the sweep (measured to ${entry.sweep.maxMeasuredConcurrency} users; needs ≥ ${Math.ceil(entry.sweep.usersForTargetRps)}): measure ${answer.widerSweep.join(', ')}`, 'warn')
      : answer.kind === 'usl-extrapolation'
        ? text(`the sweep; USL peak at N* = ${Math.round(entry.sweep.extrapolation!.concurrency)}`, 'warn')
        : text(
            entry.concurrency !== entry.sweep.maxMeasuredConcurrency
              ? 'the p99 SLO'
              : entry.sweep.lastStepGain !== null && entry.sweep.lastStepGain < STILL_RISING_GAIN
                ? 'the gateway (throughput levelled off)'
                : 'nothing measured: the largest level carries the target',
          );
  const capacity = data.run.manifest.scenario.capacity;
  const pattern = recommendDeployment({
    gatewayInstances: answer.kind === 'usl-extrapolation' ? answer.estimate.instances : estimate.instances,
    targetRps: plan.request.targetRps,
    ...(capacity?.minRps === undefined ? {} : { minRps: capacity.minRps }),
    ...(capacity?.internalExternal === undefined ? {} : { internalExternal: capacity.internalExternal }),
    ...(capacity?.hybrid === undefined ? {} : { hybrid: capacity.hybrid }),
  });
  return [
    text(name),
    num(entry.concurrency, String(entry.concurrency)),
    num(entry.p99LatencyMs, formatMs(entry.p99LatencyMs)),
    num(estimate.perInstanceRps, `${answer.kind === 'sweep-bounded' ? '≥ ' : ''}${formatRps(estimate.perInstanceRps)}`),
    num(estimate.perInstanceLowRps, `${formatRps(estimate.perInstanceLowRps).replace(' req/s', '')}–${formatRps(estimate.perInstanceHighRps)}`),
    instances,
    text(answer.kind === 'sweep-bounded' ? 'upper bound only' : `${estimate.instancesLow}–${estimate.instancesHigh}`),
    limitedBy,
    num(pattern.pattern, String(pattern.pattern)),
    ...baselineLabels.map((label) => {
      const baseline = plan.baselines.find((b) => b.label === label);
      return baseline?.estimate ? num(baseline.estimate.instances, String(baseline.estimate.instances)) : none('no matching rows');
    }),
  ];
}

/**
 * Near-identical lines ("echo 1KiB, sleep 0 ms: one measurement and no USL fit at 50 users ...") become one line
 * with a count and the series they concern: the text after the first ": " is the message.
 */
export function groupWarnings(lines: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const line of new Set(lines)) {
    const split = line.indexOf(': ');
    const [subject, message] = split < 0 ? ['', line] : [line.slice(0, split), line.slice(split + 2)];
    const key = message.replace(/\d+(\.\d+)?/g, '#');
    const group = groups.get(key) ?? [];
    group.push(split < 0 ? line : `${subject}: ${message}`);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const subjects = group.map((line) => line.slice(0, line.indexOf(': ')));
    const first = group[0]!.slice(group[0]!.indexOf(': ') + 2);
    return `${group.length}×: ${first} (${subjects.join('; ')})`;
  });
}
