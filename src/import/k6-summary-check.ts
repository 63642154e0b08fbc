import { readFile } from 'node:fs/promises';
import type { K6Plan } from '../k6/types.js';
import type { K6PointSamples } from './k6-collector.js';

/**
 * Cross-checks the runners' end-of-test summaries against the samples read from the JSON output: the summaries'
 * per-point request counts (the `http_reqs{point:…,phase:measure}` submetric the exported thresholds create)
 * must add up to the imported counts. A difference usually means a runner's JSON file is missing or cut short.
 * Reads both layouts: handleSummary data (`values.count`) and `--summary-export` (`count`).
 */
export async function checkAgainstSummaries(summaryFiles: string[], plan: K6Plan, points: Map<string, K6PointSamples>): Promise<string[]> {
  if (summaryFiles.length === 0) return [];
  const totals = new Map<string, number>();
  for (const file of summaryFiles) {
    const summary = JSON.parse(await readFile(file, 'utf8')) as { metrics?: Record<string, { count?: number; values?: { count?: number } }> };
    for (const pointPlan of plan.points) {
      const metric = summary.metrics?.[`http_reqs{point:${pointPlan.point.pointId},phase:measure}`];
      const count = metric?.values?.count ?? metric?.count;
      if (typeof count === 'number') totals.set(pointPlan.point.pointId, (totals.get(pointPlan.point.pointId) ?? 0) + count);
    }
  }
  const warnings: string[] = [];
  for (const [pointId, expected] of totals) {
    const imported = points.get(pointId)?.measure.requests ?? 0;
    if (imported !== expected) {
      warnings.push(`point ${pointId}: the ${summaryFiles.length} summar${summaryFiles.length === 1 ? 'y counts' : 'ies count'} ${expected} measured requests, the JSON output ${imported}: a runner's output file may be missing or cut short`);
    }
  }
  return warnings;
}
