import { readFile } from 'node:fs/promises';
import type { K6Plan } from '../k6/types.js';
import type { K6PointSamples } from './k6-collector.js';
import { isObject } from './input-error.js';

/**
 * Cross-checks the runners' end-of-test summaries against the samples read from the JSON output: the summaries'
 * per-point request counts (the `http_reqs{point:…,phase:measure}` submetric the exported thresholds create)
 * must add up to the imported counts. A difference usually means a runner's JSON file is missing or cut short.
 * Reads every layout: handleSummary data (`metrics[name].values.count`), `--summary-export` (`metrics[name].count`)
 * and k6's machine-readable summary (`results.metrics[i]` with `name` and `values.count`).
 */
export async function checkAgainstSummaries(summaryFiles: string[], plan: K6Plan, points: Map<string, K6PointSamples>): Promise<string[]> {
  if (summaryFiles.length === 0) return [];
  const totals = new Map<string, number>();
  for (const file of summaryFiles) {
    const counts = summaryCounts(JSON.parse(await readFile(file, 'utf8')) as unknown);
    for (const pointPlan of plan.points) {
      const count = counts.get(`http_reqs{point:${pointPlan.point.pointId},phase:measure}`);
      if (count !== undefined) totals.set(pointPlan.point.pointId, (totals.get(pointPlan.point.pointId) ?? 0) + count);
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

type CountedMetric = { name?: unknown; count?: unknown; values?: { count?: unknown } };

/** Counter values by metric name (submetrics included, e.g. `http_reqs{point:…,phase:measure}`) from any summary layout. */
export function summaryCounts(summary: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string, metric: CountedMetric | undefined): void => {
    const count = metric?.values?.count ?? metric?.count;
    if (typeof count === 'number') counts.set(name, count);
  };
  if (!isObject(summary)) return counts;
  if (isObject(summary.metrics)) {
    for (const [name, metric] of Object.entries(summary.metrics)) add(name, isObject(metric) ? (metric as CountedMetric) : undefined);
  }
  if (isObject(summary.results) && Array.isArray(summary.results.metrics)) {
    for (const metric of summary.results.metrics as unknown[]) {
      if (isObject(metric) && typeof metric.name === 'string') add(metric.name, metric as CountedMetric);
    }
  }
  return counts;
}
