/**
 * The same capacity plan from published baselines: for each machine/version in a baseline set, the row with
 * the highest concurrency whose p99 meets the SLO, per mix entry, combined the same way as our own plan.
 */
import type { BaselinePlan, CapacityRequest, MixEntry } from './types.js';
import type { BaselinePoint, BaselineSet } from '../types.js';
import { isUsableRow, originKey, sameCoordinates } from '../baseline-rows.js';
import { combine } from './capacity-math.js';
import { groupBy } from '../stats.js';
import { seriesLabel } from '../series-label.js';

function pickRow(rows: readonly BaselinePoint[], entry: MixEntry, sloP99Ms: number, maxErrorPct: number): { row: BaselinePoint; note: string } | null {
  const matching = rows.filter((row) => sameCoordinates(entry, row) && isUsableRow(row, maxErrorPct));
  const withinSlo = matching
    .filter((row) => row.p99LatencyMs !== null && row.concurrency !== null && row.p99LatencyMs <= sloP99Ms)
    .sort((a, b) => a.concurrency! - b.concurrency!);
  if (withinSlo.length > 0) {
    const row = withinSlo[withinSlo.length - 1]!;
    return { row, note: `${row.concurrency} users, p99 ${row.p99LatencyMs} ms <= ${sloP99Ms} ms` };
  }
  const noLatency = matching.filter((row) => row.p99LatencyMs === null).sort((a, b) => b.throughputRps! - a.throughputRps!);
  if (noLatency.length > 0) return { row: noLatency[0]!, note: 'no p99 published: the SLO could not be checked' };
  return null;
}

export function baselinePlans(sets: readonly BaselineSet[], request: CapacityRequest, maxErrorPct: number): BaselinePlan[] {
  const plans: BaselinePlan[] = [];
  for (const set of sets) {
    for (const rows of groupBy(set.points, originKey).values()) {
      const picks = request.mix.map((entry) => pickRow(rows, entry, request.sloP99Ms, maxErrorPct));
      if (picks.every((pick) => pick === null)) continue;
      const machine = rows[0]!.machine;
      const versions = new Set(set.points.map((row) => row.version));
      const label = versions.size > 1 && rows[0]!.version ? `${set.label} [${rows[0]!.version}]` : set.label;
      const missing = request.mix.filter((_, i) => picks[i] === null);
      if (missing.length > 0) {
        plans.push({
          label,
          machine,
          rows: picks.flatMap((pick) => (pick ? [pick.row] : [])),
          estimate: null,
          note: `no usable row for ${missing.map(seriesLabel).join(', ')} (same API, size and sleep, error rate <= ${maxErrorPct} %, p99 within the SLO)`,
        });
        continue;
      }
      const chosen = picks.map((pick) => pick!);
      plans.push({
        label,
        machine,
        rows: chosen.map((pick) => pick.row),
        estimate: combine(
          chosen.map((pick, i) => ({ weight: request.mix[i]!.weight, perInstanceRps: pick.row.throughputRps!, lowRps: pick.row.throughputRps!, highRps: pick.row.throughputRps! })),
          request.targetRps,
          request.headroomPct,
          (i) => `${request.mix[i]!.name}: ${set.file} row (${chosen[i]!.note})`,
        ),
        note: `rows picked: for each mix entry the same API, size and sleep, the highest concurrency with p99 within the SLO; machine ${machine.description}; one published figure per entry, so there is no low/high spread`,
      });
    }
  }
  return plans;
}
