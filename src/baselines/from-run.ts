/** A gatebench run used as a baseline: one BaselinePoint per (api, size, sleep, concurrency), repetitions averaged. */
import type { StoredRun } from '../store/types.js';
import type { BaselinePoint, BaselineSet } from './types.js';
import { describeRunMachine } from './machines.js';

export function baselineFromRun(run: StoredRun): BaselineSet {
  const machine = describeRunMachine(run.manifest);
  const closed = run.points.filter(({ point }) => point.model === 'closed' && point.concurrency !== undefined);
  const cells = new Map<string, StoredRun['points']>();
  for (const stored of closed) {
    const { point } = stored;
    const key = `${point.api}|${point.messageSizeBytes}|${point.backendSleepMs}|${point.concurrency}`;
    cells.set(key, [...(cells.get(key) ?? []), stored]);
  }
  const points: BaselinePoint[] = [...cells.values()].map((group) => {
    const { point } = group[0]!;
    const average = (pick: (stored: StoredRun['points'][number]) => number) => group.reduce((sum, stored) => sum + pick(stored), 0) / group.length;
    return {
      api: point.api,
      concurrency: point.concurrency!,
      messageSizeBytes: point.messageSizeBytes,
      sleepMs: point.backendSleepMs,
      throughputRps: average((stored) => stored.result.throughputRps),
      avgLatencyMs: average((stored) => stored.result.latencyMs.mean),
      p90LatencyMs: average((stored) => stored.result.latencyMs.p90),
      p95LatencyMs: average((stored) => stored.result.latencyMs.p95),
      p99LatencyMs: average((stored) => stored.result.latencyMs.p99),
      errorPct: average((stored) => stored.result.errorPct),
      machine,
      version: `gatebench ${run.manifest.gatebench.version}`,
      source: `${run.dir} (${group.map((stored) => stored.point.pointId).join(', ')})`,
      approximate: false,
    };
  });
  return { label: `run ${run.manifest.runId}`, file: run.dir, layout: 'gatebench-run', points };
}
