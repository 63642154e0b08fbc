/** The printed capacity plan (`gatebench plan`): our answer, its working, and the baselines' answers beside it. */
import { formatSize } from '../../scenario/units.js';
import type { CapacityPlan, InstanceEstimate } from '../../analysis/capacity/types.js';
import { rps, sig } from './numbers.js';
import { seriesLabel } from '../../analysis/series-label.js';

function estimateLines(estimate: InstanceEstimate, indent: string): string[] {
  const range = estimate.instancesLow === estimate.instancesHigh ? '' : ` (range ${estimate.instancesLow}..${estimate.instancesHigh})`;
  return [
    `${indent}instances: ${estimate.instances}${range}`,
    `${indent}per instance: ${rps(estimate.perInstanceRps)} req/s (range ${rps(estimate.perInstanceLowRps)}..${rps(estimate.perInstanceHighRps)}), usable ${rps(estimate.usablePerInstanceRps)} req/s`,
    ...estimate.working.map((line) => `${indent}  ${line}`),
  ];
}

export function formatPlan(plan: CapacityPlan): string {
  const { request } = plan;
  const mix = request.mix.map((entry) => `${(entry.weight * 100).toFixed(1)} % ${entry.name} (${seriesLabel(entry)})`).join(', ');
  const lines = [
    `Capacity plan for ${request.targetRps} req/s, p99 <= ${request.sloP99Ms} ms, ${request.headroomPct} % headroom`,
    `Mix: ${mix}`,
    '',
    `From run ${plan.runId}, instances like: ${plan.machine.description}`,
    ...plan.perEntry.map((entry) => `  ${entry.entry.name}: ${entry.concurrency} users, p99 ${entry.p99LatencyMs.toFixed(1)} ms -> ${rps(entry.perInstanceRps)} req/s per instance [${entry.basis}]`),
    ...estimateLines(plan.estimate, '  '),
    `  concurrency per instance at the planned rate: ${sig(plan.concurrencyPerInstance)} users (Little's law with the measured response times)`,
  ];
  for (const warning of plan.warnings) lines.push(`  warning: ${warning}`);
  for (const baseline of plan.baselines) {
    lines.push('', `From ${baseline.label}: ${baseline.machine.description}`);
    for (const row of baseline.rows) {
      lines.push(`  row: ${row.api} ${formatSize(row.messageSizeBytes)} ${row.sleepMs}ms ${row.concurrency ?? '?'} users: ${rps(row.throughputRps)} req/s, p99 ${row.p99LatencyMs ?? 'n/a'} ms${row.approximate ? ' (approximate)' : ''} [${row.source}]`);
    }
    if (baseline.estimate) lines.push(...estimateLines(baseline.estimate, '  '));
    lines.push(`  ${baseline.note}`);
  }
  if (plan.baselines.length === 0) lines.push('', 'No baseline row matches this mix (same API, message size and backend sleep).');
  return lines.join('\n') + '\n';
}
