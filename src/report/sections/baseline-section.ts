import type { BaselineComparison } from '../../analysis/run-analysis/types.js';
import type { MachineDescription } from '../../analysis/types.js';
import type { Block, Cell, Section } from '../types.js';
import { formatMs, formatPct, formatRatio, formatRps, none, num, sizeCell, sleepCell, text } from './format.js';
import type { ReportData } from './report-data.js';

/**
 * Our figures beside the published WSO2 ones (or another run), with both machines described and the
 * hardware difference said in words beside the ratios: a ratio across different machines is context, not a verdict.
 */
export function baselineSection(data: ReportData): Section | null {
  const comparisons = data.analysis.comparisons;
  const blocks: Block[] = [];
  // No baseline given (--no-baseline): no section rather than an empty one; the method section says so.
  if (comparisons.length === 0) return null;
  for (const comparison of comparisons) blocks.push(...comparisonBlocks(data, comparison));
  return { id: 'baseline', title: 'Comparison with published WSO2 figures', blocks };
}

function comparisonBlocks(data: ReportData, comparison: BaselineComparison): Block[] {
  const blocks: Block[] = [];
  blocks.push({ kind: 'paragraph', text: `Baseline: ${comparison.baselineLabel} (${comparison.baselineFile}).` });
  blocks.push({
    kind: 'facts',
    items: [
      { label: 'This run', value: ourMachine(data, comparison.ours) },
      ...comparison.theirs.map((machine) => ({ label: comparison.baselineLabel, value: machine.description })),
      { label: 'Hardware difference', value: hardwareDifference(data, comparison), tone: 'warn' as const },
    ],
  });
  if (comparison.series.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Peak throughput per series (ours: highest measured, or the USL peak when fitted)',
      columns: [
        { header: 'API' },
        { header: 'Size' },
        { header: 'Sleep', numeric: true },
        { header: 'Ours', numeric: true },
        { header: 'Theirs', numeric: true },
        { header: 'Ours ÷ theirs', numeric: true },
        { header: 'Their machine' },
        { header: 'Note' },
      ],
      rows: comparison.series.map((row) => [
        text(row.api),
        sizeCell(row.messageSizeBytes),
        sleepCell(row.backendSleepMs),
        num(row.oursPeakRps, formatRps(row.oursPeakRps)),
        num(row.theirsPeakRps, formatRps(row.theirsPeakRps)),
        num(row.ratio, formatRatio(row.ratio)),
        text(row.theirMachine.description),
        text(row.note),
      ]),
    });
  }
  if (comparison.points.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Point by point (same API, message size, backend sleep and users)',
      columns: [
        { header: 'API' },
        { header: 'Size' },
        { header: 'Sleep', numeric: true },
        { header: 'Users', numeric: true },
        { header: 'Ours', numeric: true },
        { header: 'Theirs', numeric: true },
        { header: 'Ours ÷ theirs', numeric: true },
        { header: 'Per vCPU ÷', numeric: true },
        { header: 'Our p99', numeric: true },
        { header: 'Their p99', numeric: true },
        { header: 'Their errors', numeric: true },
      ],
      rows: comparison.points.map((row): Cell[] => [
        text(row.api),
        sizeCell(row.messageSizeBytes),
        sleepCell(row.backendSleepMs),
        num(row.concurrency, String(row.concurrency)),
        num(row.oursRps, formatRps(row.oursRps)),
        num(row.theirsRps, formatRps(row.theirsRps)),
        num(row.ratio, formatRatio(row.ratio)),
        row.perVcpuRatio === null ? none() : num(row.perVcpuRatio, formatRatio(row.perVcpuRatio)),
        num(row.oursP99Ms, formatMs(row.oursP99Ms)),
        row.theirsP99Ms === null ? none() : num(row.theirsP99Ms, formatMs(row.theirsP99Ms)),
        row.theirsErrorPct === null ? none() : num(row.theirsErrorPct, formatPct(row.theirsErrorPct, 2), row.theirsErrorPct > 0 ? 'warn' : undefined),
      ]),
    });
  }
  if (comparison.series.length === 0 && comparison.points.length === 0) blocks.push(...unmatchedFigures(data, comparison));
  if (comparison.notes.length > 0) blocks.push({ kind: 'list', items: comparison.notes });
  return blocks;
}

/** Nothing in the run matches a short baseline (e.g. the article's figures): list its figures so the reader has them. */
function unmatchedFigures(data: ReportData, comparison: BaselineComparison): Block[] {
  const set = data.baselines.find((candidate) => candidate.label === comparison.baselineLabel && candidate.file === comparison.baselineFile);
  if (set === undefined || set.points.length === 0 || set.points.length > MAX_UNMATCHED_ROWS) return [];
  return [
    {
      kind: 'table',
      caption: `No series of this run has the same API, size and sleep; the baseline's own figures${set.points.some((p) => p.approximate) ? ' (approximate: read off graphs or prose)' : ''}`,
      columns: [{ header: 'API' }, { header: 'Size' }, { header: 'Sleep', numeric: true }, { header: 'Users', numeric: true }, { header: 'Throughput', numeric: true }, { header: 'p99', numeric: true }, { header: 'Source' }],
      rows: set.points.map((point): Cell[] => [
        text(point.api),
        sizeCell(point.messageSizeBytes),
        sleepCell(point.sleepMs),
        point.concurrency === null ? none('not stated') : num(point.concurrency, String(point.concurrency)),
        point.throughputRps === null ? none() : num(point.throughputRps, `${point.approximate ? '≈ ' : ''}${formatRps(point.throughputRps)}`),
        point.p99LatencyMs === null ? none() : num(point.p99LatencyMs, formatMs(point.p99LatencyMs)),
        text(point.source),
      ]),
    },
  ];
}

const MAX_UNMATCHED_ROWS = 12;

function ourMachine(data: ReportData, ours: MachineDescription): string {
  return `${ours.description}; backend: ${data.run.manifest.backendDescription}`;
}

/** Plain words: cores against vCPUs, and who shared a machine with whom. */
function hardwareDifference(data: ReportData, comparison: BaselineComparison): string {
  const host = data.run.manifest.host;
  const theirCpus = theirVcpuCounts(comparison);
  const cpuWords =
    theirCpus.length === 0
      ? `this host has ${host.cores} cores; the baseline does not state its vCPU count`
      : `this host has ${host.cores} cores (${host.cpuModel}); the baseline gateway had ${theirCpus.join(' or ')} vCPU${theirCpus.every((c) => c === 1) ? '' : 's'}`;
  const here = sharesHost(data) ? 'here the load generator, the gateway and the backend shared this one host' : 'here the gateway or the backend ran elsewhere';
  if (comparison.layout === 'gatebench-run') return `${cpuWords}; ${here}. Ratios across machines are context, not a like-for-like verdict.`;
  return (
    `${cpuWords}; ${here}, while WSO2 ran JMeter, the gateway and the Netty backend on separate EC2 instances, over HTTPS, ` +
    'measuring 600 s after a 300 s warm-up. Ratios are context, not a like-for-like verdict.'
  );
}

/** The distinct vCPU counts the baseline states for its machines (none when it does not say). */
export function theirVcpuCounts(comparison: BaselineComparison): number[] {
  return [...new Set(comparison.theirs.map((m) => m.vCpus).filter((v): v is number => v !== null))];
}

/** The generator always runs here; the gateway does when gatebench started it, the backend likewise. */
export function sharesHost(data: ReportData): boolean {
  const scenario = data.run.manifest.scenario;
  return scenario.target.kind !== 'external' && scenario.backend.kind === 'embedded';
}
