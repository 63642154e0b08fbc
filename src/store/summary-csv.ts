import { writeFile, rename } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { decodeHistogram, percentileMs } from '../metrics/histogram.js';
import { pointMethod } from '../plan/point-id.js';
import { placementCell } from './placement-text.js';
import type { CpuPlacement, StoredPoint } from './types.js';

/**
 * summary.csv: WSO2's own column names first (spelled exactly as in WSO2's summary.csv, see
 * /work/shared/baselines/raw/), so their scripts and spreadsheets read ours; gatebench-only columns after.
 * WSO2's `Heap Size` and the JVM/sar columns are left out: they describe WSO2's own setup.
 */
export const WSO2_COLUMNS = [
  'Scenario Name',
  'Concurrent Users',
  'Message Size (Bytes)',
  'Back-end Service Delay (ms)',
  'Label',
  '# Samples',
  'Error Count',
  'Error %',
  'Throughput (Requests/sec)',
  'Average Response Time (ms)',
  'Average Users in the System',
  'Standard Deviation of Response Time (ms)',
  'Minimum Response Time (ms)',
  'Maximum Response Time (ms)',
  '75th Percentile of Response Time (ms)',
  '90th Percentile of Response Time (ms)',
  '95th Percentile of Response Time (ms)',
  '98th Percentile of Response Time (ms)',
  '99th Percentile of Response Time (ms)',
  '99.9th Percentile of Response Time (ms)',
  'Received (KB/sec)',
  'Sent (KB/sec)',
] as const;

export const GATEBENCH_COLUMNS = [
  /** Goodput: responses that passed every check, per second. WSO2's Throughput column keeps JMeter's meaning. */
  'Successful (Requests/sec)',
  'Mediation',
  'Model',
  'Target Rate (Requests/sec)',
  'Repetition',
  'Series',
  '50th Percentile of Response Time (ms)',
  'Generator Saturated',
  'SLO Pass',
  'SLO Reasons',
  'Driver',
  'CPU Placement',
  /** GET or POST. For GET, WSO2's 'Message Size (Bytes)' is the response size (no request body is sent). */
  'Method',
] as const;

/** WSO2's names for the two APIs: `Passthrough` (echo) and `Mediation`. */
/** WSO2's scenario names; the direct series (no gateway) is gatebench's own. */
const WSO2_SCENARIO_NAME = { echo: 'Passthrough', mediation: 'Mediation', direct: 'Backend Direct' } as const;

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
/** JMeter's KB is 1024 bytes. */
const kib = (bytesPerSec: number): number => round(bytesPerSec / 1024);

/**
 * p98 is not in the stored summary, so it comes from the histogram. The CSV is rewritten after every point;
 * remembering each point's p98 decodes its histogram once per run instead of once per rewrite.
 */
const p98MsByPoint = new WeakMap<StoredPoint, number>();
function p98Ms(stored: StoredPoint): number {
  let value = p98MsByPoint.get(stored);
  if (value === undefined) {
    value = percentileMs(decodeHistogram(stored.result.histograms.latencyUs), 98);
    p98MsByPoint.set(stored, value);
  }
  return value;
}

/**
 * Header plus one row per point. Per-process CPU/RSS columns are added for every role seen in any point.
 * `placement` (the manifest's) fills the CPU Placement column: one run, one placement.
 */
export function summaryCsvRows(points: StoredPoint[], placement?: CpuPlacement): string[][] {
  const placementText = placementCell(placement);
  const roles = [...new Set(points.flatMap((point) => point.resources.map((usage) => usage.role)))].sort();
  const header = [
    ...WSO2_COLUMNS,
    ...GATEBENCH_COLUMNS,
    ...roles.flatMap((role) => [`${role} CPU (%)`, `${role} RSS Max (MB)`]),
  ];
  const rows = points.map((stored) => {
    const { point, result } = stored;
    const latency = result.latencyMs;
    const cells: Array<string | number> = [
      WSO2_SCENARIO_NAME[point.api],
      point.concurrency ?? '',
      point.messageSizeBytes,
      point.backendSleepMs,
      point.pointId,
      result.requests,
      result.errors,
      round(result.errorPct),
      // JMeter's meaning (every sample, failed ones included), so the column compares with WSO2's published CSVs.
      round(result.rates.attemptsPerSec),
      round(latency.mean),
      round(result.littlesLaw.impliedConcurrency),
      round(latency.stdev),
      round(latency.min),
      round(latency.max),
      round(latency.p75),
      round(latency.p90),
      round(latency.p95),
      round(p98Ms(stored)),
      round(latency.p99),
      round(latency.p999),
      kib(result.bytesReceivedPerSec),
      kib(result.bytesSentPerSec),
      round(result.rates.successfulPerSec),
      point.api === 'mediation' ? 'on' : 'off',
      point.model,
      point.rateRps ?? '',
      point.repetition,
      point.seriesKey,
      round(latency.p50),
      result.generator.saturated ? 'yes' : 'no',
      stored.slo.pass ? 'yes' : 'no',
      stored.slo.reasons.join('; '),
      `${result.driver.name} ${result.driver.version}`,
      placementText,
      pointMethod(point),
    ];
    for (const role of roles) {
      const usages = stored.resources.filter((usage) => usage.role === role);
      cells.push(
        usages.length === 0 ? '' : round(usages.reduce((sum, usage) => sum + usage.cpuPct, 0), 1),
        usages.length === 0 ? '' : round(usages.reduce((sum, usage) => sum + usage.rssBytesMax, 0) / 1024 ** 2, 1),
      );
    }
    return cells.map(String);
  });
  return [header, ...rows];
}

/** Rewrites the whole file (write a temp file, then rename) so a reader never sees half a CSV. */
export async function writeSummaryCsv(file: string, points: StoredPoint[], placement?: CpuPlacement): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, stringify(summaryCsvRows(points, placement)));
  await rename(temporary, file);
}
