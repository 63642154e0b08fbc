import type { CapacityPlan } from '../../analysis/capacity/types.js';
import type { Block, Cell, Section } from '../types.js';
import { formatMs, formatRps, none, num, seriesName, text } from './format.js';
import type { ReportData } from './report-data.js';

/**
 * The capacity plan: for the scenario's capacity.targetRps, gateway instances needed if all the traffic were
 * of one kind (one plan per measured series), with the per-instance capacity within the p99 SLO, a low-high
 * range and what the baselines would say. The arithmetic of each plan is shown, not just the answer.
 */
export function capacitySection(data: ReportData): Section {
  const blocks: Block[] = [];
  if (data.capacity.length === 0) {
    blocks.push({ kind: 'paragraph', text: data.capacityNote ?? 'No capacity plan was made.' });
    return { id: 'capacity', title: 'Capacity plan', blocks };
  }
  const request = data.capacity[0].request;
  blocks.push({
    kind: 'paragraph',
    text:
      `Instances of this gateway, on this host, needed to serve ${formatRps(request.targetRps)} with p99 ≤ ${request.sloP99Ms} ms and ` +
      `${request.headroomPct} % headroom, if all traffic were of one kind. Per-instance capacity is the throughput at the highest ` +
      'measured load level whose p99 met the SLO; the range comes from the spread over repetitions and the USL confidence interval.',
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
      ...baselineLabels.map((label) => ({ header: `${label}: instances` })),
    ],
    rows: data.capacity.map((plan) => planRow(plan, baselineLabels)),
  });
  if (data.capacityNote !== undefined) blocks.push({ kind: 'paragraph', text: data.capacityNote });
  const warnings = [...new Set(data.capacity.flatMap((plan) => plan.warnings))];
  if (warnings.length > 0) blocks.push({ kind: 'list', items: warnings });
  const worked = data.capacity[0];
  blocks.push({ kind: 'paragraph', text: `How the first row was worked out (${worked.perEntry.map((e) => seriesName(e.entry)).join(', ')}):` });
  blocks.push({ kind: 'preformatted', text: [...worked.perEntry.map((e) => `basis: ${e.basis}`), ...worked.estimate.working].join('\n') });
  const notes = data.capacity.flatMap((plan) => plan.baselines.map((b) => `${b.label} (${b.machine.description}), ${seriesName(plan.perEntry[0]?.entry ?? plan.request.mix[0])}: ${b.note}`));
  if (notes.length > 0) blocks.push({ kind: 'list', items: [...new Set(notes)] });
  return { id: 'capacity', title: 'Capacity plan', blocks };
}

function planRow(plan: CapacityPlan, baselineLabels: string[]): Cell[] {
  const entry = plan.perEntry[0];
  const estimate = plan.estimate;
  const name = seriesName(plan.request.mix[0]);
  if (entry === undefined) return [text(name), none(), none(), none(), none(), none(), none(), ...baselineLabels.map(() => none())];
  return [
    text(name),
    num(entry.concurrency, String(entry.concurrency)),
    num(entry.p99LatencyMs, formatMs(entry.p99LatencyMs)),
    num(estimate.perInstanceRps, formatRps(estimate.perInstanceRps)),
    num(estimate.perInstanceLowRps, `${formatRps(estimate.perInstanceLowRps).replace(' req/s', '')}–${formatRps(estimate.perInstanceHighRps)}`),
    num(estimate.instances, String(estimate.instances)),
    text(`${estimate.instancesLow}–${estimate.instancesHigh}`),
    ...baselineLabels.map((label) => {
      const baseline = plan.baselines.find((b) => b.label === label);
      return baseline?.estimate ? num(baseline.estimate.instances, String(baseline.estimate.instances)) : none('no matching rows');
    }),
  ];
}

/** One line for the executive summary, or undefined when no plan was made. */
export function capacityHeadline(data: ReportData): string | undefined {
  if (data.capacity.length === 0) return data.capacityNote;
  const sorted = [...data.capacity].sort((a, b) => a.estimate.instances - b.estimate.instances);
  const fewest = sorted[0];
  const most = sorted[sorted.length - 1];
  const request = fewest.request;
  const where = (plan: CapacityPlan): string => seriesName(plan.request.mix[0]);
  const instances = (count: number): string => `${count} instance${count === 1 ? '' : 's'}`;
  if (fewest === most) return `${instances(fewest.estimate.instances)} for ${formatRps(request.targetRps)} (${where(fewest)}, ${request.headroomPct} % headroom)`;
  return (
    `${formatRps(request.targetRps)} with ${request.headroomPct} % headroom needs ${instances(fewest.estimate.instances)} (${where(fewest)}) ` +
    `to ${most.estimate.instances} (${where(most)}), depending on the traffic`
  );
}
