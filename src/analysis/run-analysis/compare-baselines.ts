/**
 * Our run against baselines: point by point where api, size, sleep and users match, and series by series
 * (peak throughput, knee). Every comparison carries both machines; per-vCPU figures state both vCPU counts.
 */
import type { BaselinePoint, BaselineSet, MachineDescription } from '../../baselines/types.js';
import type { RequestMethod } from '../../scenario/types.js';
import type { BaselineComparison, PointComparison, PointFinding, SeriesAnalysis, SeriesComparison } from './types.js';
import { isUsableRow, originKey, sameCoordinates } from '../baseline-rows.js';
import { findKnee } from './latency.js';
import { groupBy, mean } from '../stats.js';

interface OurCell {
  api: PointFinding['api'];
  messageSizeBytes: number;
  backendSleepMs: number;
  concurrency: number;
  throughputRps: number;
  p99LatencyMs: number;
}

function ourCells(included: readonly PointFinding[]): OurCell[] {
  const closed = included.filter((finding) => finding.concurrency !== undefined);
  return [...groupBy(closed, (finding) => `${finding.api}|${finding.messageSizeBytes}|${finding.backendSleepMs}|${finding.concurrency}`).values()].map((group) => ({
    api: group[0]!.api,
    messageSizeBytes: group[0]!.messageSizeBytes,
    backendSleepMs: group[0]!.backendSleepMs,
    concurrency: group[0]!.concurrency!,
    throughputRps: mean(group.map((finding) => finding.throughputRps)),
    p99LatencyMs: mean(group.map((finding) => finding.p99LatencyMs)),
  }));
}

export function compareWithBaseline(
  set: BaselineSet,
  included: readonly PointFinding[],
  series: readonly SeriesAnalysis[],
  ours: MachineDescription,
  sloP99Ms: number | null,
  maxErrorPct: number,
  method: RequestMethod,
): BaselineComparison {
  const cells = ourCells(included);
  const usable = set.points.filter((row) => isUsableRow(row, maxErrorPct));
  const droppedForErrors = set.points.filter((row) => row.errorPct !== null && row.errorPct > maxErrorPct).length;
  const points: PointComparison[] = [];
  for (const cell of cells) {
    for (const row of usable) {
      if (!sameCoordinates(cell, row) || row.concurrency !== cell.concurrency) continue;
      points.push(pointComparison(cell, row, ours));
    }
  }
  const seriesComparisons = compareSeries(cells, usable, series, sloP99Ms);
  const notes: string[] = [];
  const matchedCells = new Set(points.map((point) => `${point.api}|${point.messageSizeBytes}|${point.backendSleepMs}|${point.concurrency}`)).size;
  notes.push(`${matchedCells} of our ${cells.length} measured (api, size, sleep, users) cells have a baseline row with the same parameters`);
  if (droppedForErrors > 0) notes.push(`${droppedForErrors} baseline rows left out: error rate above ${maxErrorPct} % (their throughput counts fast failures)`);
  if (set.points.some((row) => row.approximate)) notes.push('some baseline figures are approximate (read off graphs or prose), not measured table rows');
  const theirMachines = distinctMachines(set.points);
  if (theirMachines.some((machine) => machine.description !== ours.description)) {
    const counts = [...new Set(theirMachines.map((machine) => machine.vCpus ?? '?'))].join('/');
    notes.push(`different hardware: ours has ${ours.vCpus ?? '?'} logical CPUs, the baseline ${counts} vCPUs; per-vCPU ratios assume throughput scales with CPUs, which is only roughly true`);
  }
  if (set.layout !== 'gatebench-run' && method === 'GET') {
    notes.push('different request: WSO2 POSTed a JSON body of each size, and the echo API sent it back; this run sends GET with no body and its sizes are the responses\' sizes, so the gateway reads half the bytes per request and the ratios overstate what a POST of that size would carry');
  }
  if (set.layout !== 'gatebench-run') {
    notes.push('different setup: WSO2 ran API Manager alone on its instance, with JMeter and the Netty backend on other machines, over HTTPS; gatebench figures come from the host described as ours, where the load generator may share the CPUs');
  }
  return {
    baselineLabel: set.label,
    baselineFile: set.file,
    layout: set.layout,
    ours,
    theirs: theirMachines,
    points,
    series: seriesComparisons,
    notes,
  };
}

function pointComparison(cell: OurCell, row: BaselinePoint, ours: MachineDescription): PointComparison {
  const theirsRps = row.throughputRps!;
  const oursPerVcpuRps = ours.vCpus ? cell.throughputRps / ours.vCpus : NaN;
  const theirsPerVcpuRps = row.machine.vCpus ? theirsRps / row.machine.vCpus : null;
  return {
    api: cell.api,
    messageSizeBytes: cell.messageSizeBytes,
    backendSleepMs: cell.backendSleepMs,
    concurrency: cell.concurrency,
    oursRps: cell.throughputRps,
    theirsRps,
    ratio: cell.throughputRps / theirsRps,
    oursPerVcpuRps,
    theirsPerVcpuRps,
    perVcpuRatio: theirsPerVcpuRps === null || !Number.isFinite(oursPerVcpuRps) ? null : oursPerVcpuRps / theirsPerVcpuRps,
    oursP99Ms: cell.p99LatencyMs,
    theirsP99Ms: row.p99LatencyMs,
    theirsErrorPct: row.errorPct,
    theirMachine: row.machine,
    theirSource: row.source,
  };
}

function compareSeries(cells: OurCell[], rows: BaselinePoint[], series: readonly SeriesAnalysis[], sloP99Ms: number | null): SeriesComparison[] {
  const result: SeriesComparison[] = [];
  const ourSeries = groupBy(cells, (cell) => `${cell.api}|${cell.messageSizeBytes}|${cell.backendSleepMs}`);
  for (const group of ourSeries.values()) {
    const first = group[0]!;
    const theirs = rows.filter((row) => sameCoordinates(first, row));
    if (theirs.length === 0) continue;
    const ourSeriesAnalysis = series.find((entry) => entry.model === 'closed' && entry.api === first.api && entry.messageSizeBytes === first.messageSizeBytes && entry.backendSleepMs === first.backendSleepMs);
    const oursKnee = ourSeriesAnalysis?.latency.knee;
    const oursPeakRps = Math.max(...group.map((cell) => cell.throughputRps));
    for (const origin of groupBy(theirs, originKey).values()) {
      const theirsPeakRps = Math.max(...origin.map((row) => row.throughputRps!));
      const withLatency = origin
        .filter((row) => row.concurrency !== null && row.p99LatencyMs !== null)
        .map((row) => ({ concurrency: row.concurrency!, p99LatencyMs: row.p99LatencyMs! }))
        .sort((a, b) => a.concurrency - b.concurrency);
      const theirsKnee = findKnee(withLatency, sloP99Ms);
      const levels = origin.map((row) => row.concurrency).filter((users): users is number => users !== null);
      result.push({
        api: first.api,
        messageSizeBytes: first.messageSizeBytes,
        backendSleepMs: first.backendSleepMs,
        oursPeakRps,
        theirsPeakRps,
        ratio: oursPeakRps / theirsPeakRps,
        oursKneeConcurrency: oursKnee?.status === 'crossed' ? oursKnee.concurrency : null,
        theirsKneeConcurrency: theirsKnee.status === 'crossed' ? theirsKnee.concurrency : null,
        theirMachine: origin[0]!.machine,
        note:
          `ours: highest mean throughput over ${group.length} levels (${Math.min(...group.map((cell) => cell.concurrency))}..${Math.max(...group.map((cell) => cell.concurrency))} users); ` +
          (levels.length > 0
            ? `theirs (${origin[0]!.version ?? 'version not stated'}): highest of ${origin.length} rows (${Math.min(...levels)}..${Math.max(...levels)} users)`
            : `theirs (${origin[0]!.version ?? 'version not stated'}): ${origin.length} figure${origin.length === 1 ? '' : 's'} with no stated concurrency${origin.some((row) => row.approximate) ? ', approximate' : ''}`),
      });
    }
  }
  return result;
}

function distinctMachines(rows: readonly BaselinePoint[]): MachineDescription[] {
  const seen = new Map<string, MachineDescription>();
  for (const row of rows) if (!seen.has(row.machine.description)) seen.set(row.machine.description, row.machine);
  return [...seen.values()];
}
