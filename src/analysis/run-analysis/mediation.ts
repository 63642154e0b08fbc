/** The cost of mediation: mediation throughput / echo throughput at the same size, sleep and concurrency. */
import type { MediationCost, MediationCostBySize, MediationCostPoint, PointFinding } from './types.js';
import { groupBy, mean } from '../stats.js';

export function mediationCost(included: readonly PointFinding[]): MediationCost {
  const closed = included.filter((finding) => finding.concurrency !== undefined);
  const cells = groupBy(closed, (finding) => `${finding.messageSizeBytes}|${finding.backendSleepMs}|${finding.concurrency}`);
  const perPoint: MediationCostPoint[] = [];
  for (const cell of cells.values()) {
    const echo = cell.filter((finding) => finding.api === 'echo');
    const mediation = cell.filter((finding) => finding.api === 'mediation');
    if (echo.length === 0 || mediation.length === 0) continue;
    const echoRps = mean(echo.map((finding) => finding.throughputRps));
    const mediationRps = mean(mediation.map((finding) => finding.throughputRps));
    if (echoRps <= 0) continue;
    const first = cell[0]!;
    perPoint.push({
      messageSizeBytes: first.messageSizeBytes,
      backendSleepMs: first.backendSleepMs,
      concurrency: first.concurrency!,
      echoRps,
      mediationRps,
      ratio: mediationRps / echoRps,
    });
  }
  perPoint.sort((a, b) => a.messageSizeBytes - b.messageSizeBytes || a.backendSleepMs - b.backendSleepMs || a.concurrency - b.concurrency);
  const bySize: MediationCostBySize[] = [...groupBy(perPoint, (point) => `${point.messageSizeBytes}|${point.backendSleepMs}`).values()].map((group) => ({
    messageSizeBytes: group[0]!.messageSizeBytes,
    backendSleepMs: group[0]!.backendSleepMs,
    pointCount: group.length,
    meanRatio: mean(group.map((point) => point.ratio)),
    minRatio: Math.min(...group.map((point) => point.ratio)),
    maxRatio: Math.max(...group.map((point) => point.ratio)),
  }));
  if (perPoint.length > 0) return { perPoint, bySize };
  const apis = new Set(closed.map((finding) => finding.api));
  const note =
    apis.size < 2
      ? `the run measured only the ${[...apis].join('') || 'no'} API, so there is no echo/mediation pair to compare`
      : 'no size/sleep/concurrency was measured (without exclusion) for both echo and mediation';
  return { perPoint, bySize, note };
}
