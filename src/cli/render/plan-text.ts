/** The printed capacity plan (`gatebench plan`): our answer, its working, and the baselines' answers beside it. */
import { formatSize } from '../../scenario/units.js';
import type { CapacityPlan, InstanceEstimate, PlanAnswer } from '../../analysis/capacity/types.js';
import { describeNodes, type DeploymentRecommendation } from '../../analysis/capacity/deployment-pattern.js';
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

function instancesText(estimate: InstanceEstimate): string {
  const range = estimate.instancesLow === estimate.instancesHigh ? '' : ` (range ${estimate.instancesLow}..${estimate.instancesHigh})`;
  return `${estimate.instances} instance${estimate.instances === 1 ? '' : 's'}${range}`;
}

/** The answer first: measured, extrapolated (and said so), or sweep-bounded with the wider sweep to run. */
function answerLines(answer: PlanAnswer, measured: InstanceEstimate): string[] {
  switch (answer.kind) {
    case 'measured':
      return [`  answer: ${instancesText(measured)}, measured within the sweep`];
    case 'usl-extrapolation':
      return [
        `  answer: ${instancesText(answer.estimate)}, EXTRAPOLATED with the USL beyond the measured users`,
        `    ${answer.explanation}`,
        ...estimateLines(answer.estimate, '    '),
      ];
    case 'sweep-bounded':
      return [
        `  answer: unknown: the sweep stopped before the gateway did; at most ${answer.instancesAtMost} instance${answer.instancesAtMost === 1 ? '' : 's'}`,
        `    ${answer.explanation}`,
      ];
  }
}

export function formatPlan(plan: CapacityPlan): string {
  const { request } = plan;
  const mix = request.mix.map((entry) => `${(entry.weight * 100).toFixed(1)} % ${entry.name} (${seriesLabel(entry)})`).join(', ');
  const lines = [
    `Capacity plan for ${request.targetRps} req/s, p99 <= ${request.sloP99Ms} ms, ${request.headroomPct} % headroom`,
    `Mix: ${mix}`,
    '',
    `From run ${plan.runId}, instances like: ${plan.machine.description}`,
    ...answerLines(plan.answer, plan.estimate),
    '',
    ...plan.perEntry.map((entry) => `  ${entry.entry.name}: ${entry.concurrency} users, p99 ${entry.p99LatencyMs.toFixed(1)} ms -> ${rps(entry.perInstanceRps)} req/s per instance [${entry.basis}]`),
    ...plan.perEntry.map((entry) => `    ${entry.sweep.explanation}`),
    `  from the measured sweep${plan.answer.kind === 'sweep-bounded' ? ' (an UPPER BOUND on instances, not a capacity)' : ''}:`,
    ...estimateLines(plan.estimate, '    '),
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

/** The deployment pattern the count implies, with the rule applied and the node counts. */
export function formatDeployment(deployment: DeploymentRecommendation, plan: CapacityPlan): string {
  const upper = plan.answer.kind === 'sweep-bounded' ? ' (worked out from the upper bound on instances)' : '';
  return [
    '',
    `Deployment: WSO2 ${deployment.name}${upper}`,
    `  nodes: ${describeNodes(deployment.nodes)}`,
    `  rule: ${deployment.rule}`,
    ...deployment.notes.map((note) => `  ${note}`),
  ].join('\n') + '\n';
}
