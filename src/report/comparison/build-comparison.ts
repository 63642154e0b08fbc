/**
 * One report for several runs side by side (`gatebench report runA runB [runC...]`): the same scenario through
 * different gateways, say. Throughput, p99 and gateway CPU against load overlaid per series, each run's ratio to
 * the first, requests per gateway CPU-second, and per series a verdict of which is faster with confidence from
 * the regression machinery (compareRuns: moving-block bootstrap over per-second samples). Different hosts or
 * scenarios are stated at the top: a comparison across machines is not like for like.
 */
import { analyzeRun, compareRuns, DEFAULT_REGRESSION_LIMITS } from '../../analysis/index.js';
import type { PointRegression, RegressionReport } from '../../analysis/regression/types.js';
import type { SeriesAnalysis } from '../../analysis/run-analysis/types.js';
import { GatebenchError } from '../../errors.js';
import { gatebenchVersion } from '../../runtime/version.js';
import type { StoredRun } from '../../store/types.js';
import { formatMs, formatRatio, formatRps, none, num, seriesName, text } from '../sections/format.js';
import { groupWarnings } from '../sections/capacity-section.js';
import type { Block, Cell, ChartImage, Section } from '../types.js';
import { comparisonCharts, levelsOf, unionSeries, type ComparedRun, type SeriesId } from './comparison-charts.js';

export interface ComparisonReport {
  title: string;
  subtitle: string;
  gatebenchVersion: string;
  runs: ComparedRun[];
  /** compareRuns(first, run i) for each later run. */
  verdicts: RegressionReport[];
  sections: Section[];
  charts: ChartImage[];
  /** Where the runs were read from, for the footer. */
  source: string;
}

/** `nginx 1.22.1 (1 worker) with njs`: the target description, made unique by the run id when two are alike. */
function labels(runs: readonly StoredRun[]): string[] {
  const base = runs.map((run) => run.manifest.targetDescription);
  return base.map((label, index) => (base.indexOf(label) === base.lastIndexOf(label) ? label : `${label} [${runs[index]!.manifest.runId}]`));
}

export function buildComparison(runs: readonly StoredRun[]): ComparisonReport {
  if (runs.length < 2) throw new GatebenchError('GB_INPUT_INVALID', 'a side-by-side report needs at least two runs', { hint: 'gatebench report runA runB [runC...] --out DIR' });
  const names = labels(runs);
  const compared: ComparedRun[] = runs.map((run, index) => ({ label: names[index]!, run, analysis: analyzeRun(run) }));
  const verdicts = compared.slice(1).map((candidate) => compareRuns(compared[0]!.run, candidate.run, DEFAULT_REGRESSION_LIMITS));
  const charts = comparisonCharts(compared);
  const sections = [overviewSection(compared), chartsSection(), ratioSection(compared), verdictSection(compared, verdicts), efficiencySection(compared)];
  return {
    title: `Side by side: ${compared.length} runs`,
    subtitle: compared.map((item, i) => `${i + 1}: ${item.label} (${item.run.manifest.runId})`).join('; '),
    gatebenchVersion: gatebenchVersion(),
    runs: compared,
    verdicts,
    sections,
    charts,
    source: compared.map((item) => item.run.dir).join(', '),
  };
}

/** What differs between the runs beyond the gateway: host, scenario, windows. Said first, in words. */
export function differences(runs: readonly ComparedRun[]): string[] {
  const items: string[] = [];
  const hostOf = (run: StoredRun) => `${run.manifest.host.hostname} (${run.manifest.host.cpuModel}, ${run.manifest.host.cores} cores)`;
  const hosts = [...new Set(runs.map((item) => hostOf(item.run)))];
  if (hosts.length > 1) items.push(`Different hosts: ${runs.map((item, i) => `run ${i + 1} on ${hostOf(item.run)}`).join('; ')}. Figures are not like for like.`);
  // The gateway is what a side-by-side varies; a different sweep, SLO or backend is a different scenario.
  const sweepOf = (run: StoredRun) => JSON.stringify({ sweep: run.manifest.scenario.sweep, slo: run.manifest.scenario.slo, thinkTimeMs: run.manifest.scenario.timing.thinkTimeMs });
  if (new Set(runs.map((item) => sweepOf(item.run))).size > 1) {
    items.push(`Different scenarios (sweep, SLO or think time): ${runs.map((item, i) => `run ${i + 1} ${item.run.manifest.scenario.name}`).join('; ')}. Only series and load levels measured by both are compared.`);
  }
  const windows = [...new Set(runs.map((item) => item.run.manifest.scenario.timing.durationMs))];
  if (windows.length > 1) items.push(`Different measured windows: ${runs.map((item, i) => `run ${i + 1} ${item.run.manifest.scenario.timing.durationMs / 1000} s`).join('; ')}.`);
  const backends = [...new Set(runs.map((item) => item.run.manifest.backendDescription))];
  if (backends.length > 1) items.push(`Different backends: ${runs.map((item, i) => `run ${i + 1} ${item.run.manifest.backendDescription}`).join('; ')}.`);
  runs.forEach((item, i) => {
    const saturated = item.run.points.filter((stored) => stored.result.generator.saturated).length;
    if (saturated > 0) {
      items.push(`Run ${i + 1}: the load generator was saturated at ${saturated} of ${item.run.points.length} points: those figures measure the generator (or the host), not the gateway, and verdicts on them say little.`);
    }
  });
  return items;
}

function overviewSection(runs: readonly ComparedRun[]): Section {
  const blocks: Block[] = [];
  const different = differences(runs);
  blocks.push({
    kind: 'facts',
    items: [
      ...runs.map((item, i) => ({
        label: `Run ${i + 1}${i === 0 ? ' (reference)' : ''}`,
        value: `${item.label}: ${item.run.manifest.runId} (${item.run.manifest.status}, ${item.run.points.length} points), scenario ${item.run.manifest.scenario.name} on ${item.run.manifest.host.hostname}`,
      })),
      {
        label: 'Compared on',
        value: different.length === 0 ? `the same host (${runs[0]!.run.manifest.host.hostname}), scenario and windows` : 'different set-ups: see below',
        ...(different.length === 0 ? {} : { tone: 'warn' as const }),
      },
    ],
  });
  if (different.length > 0) blocks.push({ kind: 'list', items: different });
  blocks.push({
    kind: 'paragraph',
    text: 'Ratios and verdicts are each run against run 1. A verdict is "faster" or "slower" only when the whole 95 % bootstrap interval of the throughput ratio clears the 5 % limit (gatebench compare).',
  });
  return { id: 'overview', title: 'Runs compared', blocks };
}

function chartsSection(): Section {
  return { id: 'charts', title: 'Throughput, latency and gateway CPU against load', blocks: [{ kind: 'charts', chartIds: ['compare-throughput', 'compare-p99', 'compare-gatewayCpu'] }] };
}

/** The highest measured level of a series; `excluded` when every point there was left out of the fits (e.g. a saturated generator). */
function peak(compared: ComparedRun, series: SeriesId): { level: number; throughputRps: number; p99Ms: number; excluded: boolean } | undefined {
  const findings = compared.analysis.points.filter((finding) => finding.seriesKey === series.seriesKey);
  const throughput = levelsOf(findings, 'throughput');
  if (throughput.length === 0) return undefined;
  const best = throughput.reduce((a, b) => (b.y > a.y ? b : a));
  const p99 = levelsOf(findings, 'p99').find((point) => point.x === best.x);
  const at = findings.filter((finding) => (finding.concurrency ?? finding.rateRps) === best.x);
  return { level: best.x, throughputRps: best.y, p99Ms: p99?.y ?? NaN, excluded: at.every((finding) => finding.excluded) };
}

function ratioSection(runs: readonly ComparedRun[]): Section {
  const rows = unionSeries(runs).map((series): Cell[] => {
    const reference = peak(runs[0]!, series);
    return [
      text(seriesName(series)),
      ...runs.flatMap((compared, i): Cell[] => {
        const measured = peak(compared, series);
        if (measured === undefined) return [none('not measured'), ...(i === 0 ? [] : [none()])];
        const cellText = `${formatRps(measured.throughputRps)} at ${measured.level} (p99 ${formatMs(measured.p99Ms)})${measured.excluded ? ', left out of the fits' : ''}`;
        const first = num(measured.throughputRps, cellText, measured.excluded ? 'warn' : undefined);
        if (i === 0) return [first];
        const ratio = reference === undefined ? undefined : measured.throughputRps / reference.throughputRps;
        return [first, ratio === undefined ? none() : num(ratio, formatRatio(ratio))];
      }),
    ];
  });
  return {
    id: 'ratios',
    title: 'Peak throughput, and each run against run 1',
    blocks: [
      {
        kind: 'table',
        caption: 'Highest measured throughput per series (mean of repetitions at a load level), where it was reached, and its ratio to run 1; "left out of the fits" marks a level whose points the analysis excluded (see Runs compared)',
        columns: [
          { header: 'Series' },
          ...runs.flatMap((compared, i) => [{ header: `${i + 1}: ${compared.label}`, numeric: true }, ...(i === 0 ? [] : [{ header: `${i + 1} ÷ 1`, numeric: true }])]),
        ],
        rows,
      },
    ],
  };
}

/** Per series: which run is faster with confidence, from the per-point throughput verdicts. */
export function seriesVerdict(points: readonly PointRegression[]): { text: string; tone?: 'warn' } {
  if (points.length === 0) return { text: 'no common load level' };
  const count = (verdict: string) => points.filter((point) => point.throughput.verdict === verdict).length;
  const faster = count('improvement');
  const slower = count('regression');
  const ratios = points.map((point) => point.throughput.ratio);
  const range = `throughput ${formatRatio(Math.min(...ratios))}–${formatRatio(Math.max(...ratios))}`;
  if (faster === points.length) return { text: `faster with confidence at all ${points.length} levels (${range})` };
  if (slower === points.length) return { text: `slower with confidence at all ${points.length} levels (${range})` };
  const parts = [`faster at ${faster}`, `slower at ${slower}`, `no change at ${count('no-change')}`, `inconclusive at ${count('inconclusive')}`];
  return { text: `${parts.join(', ')} of ${points.length} levels (${range})`, tone: 'warn' };
}

function verdictSection(runs: readonly ComparedRun[], verdicts: readonly RegressionReport[]): Section {
  const rows = unionSeries(runs).map((series): Cell[] => [
    text(seriesName(series)),
    ...verdicts.map((report) => {
      const points = report.points.filter((point) => point.api === series.api && point.messageSizeBytes === series.messageSizeBytes && point.backendSleepMs === series.backendSleepMs);
      const verdict = seriesVerdict(points);
      return text(verdict.text, verdict.tone);
    }),
  ]);
  const notes = verdicts.flatMap((report, i) => report.notes.map((note) => `run ${i + 2} vs run 1: ${note}`));
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: 'Per series: is each run faster than run 1 with confidence? (throughput ratio per load level, 95 % moving-block bootstrap intervals, 5 % limit)',
      columns: [{ header: 'Series' }, ...runs.slice(1).map((compared, i) => ({ header: `${i + 2}: ${compared.label} vs 1` }))],
      rows,
    },
  ];
  if (notes.length > 0) blocks.push({ kind: 'list', items: groupWarnings(notes) });
  return { id: 'verdicts', title: 'Which is faster, with confidence', blocks };
}

function efficiencySection(runs: readonly ComparedRun[]): Section {
  const peakOf = (compared: ComparedRun, series: SeriesId): SeriesAnalysis['peakRequestsPerGatewayCpuSecond'] =>
    compared.analysis.series.find((item) => item.seriesKey === series.seriesKey)?.peakRequestsPerGatewayCpuSecond ?? null;
  const unknown = runs.filter((compared) => compared.analysis.points.every((point) => point.utilisation.gateway === null));
  const blocks: Block[] = [];
  if (unknown.length > 0) {
    blocks.push({ kind: 'paragraph', text: `The gateway's CPU is unknown for ${unknown.map((compared) => compared.label).join(', ')}: ${unknown[0]!.analysis.points[0]?.utilisation.gatewayUnknown ?? 'no figure'}.` });
  }
  blocks.push({
    kind: 'table',
    caption: 'Peak requests per gateway CPU-second per series (throughput ÷ gateway CPU in cores): what one core of each gateway serves',
    columns: [{ header: 'Series' }, ...runs.map((compared, i) => ({ header: `${i + 1}: ${compared.label}`, numeric: true }))],
    rows: unionSeries(runs).map((series): Cell[] => [
      text(seriesName(series)),
      ...runs.map((compared) => {
        const value = peakOf(compared, series);
        return value === null ? none('unknown') : num(value.value, Math.round(value.value).toLocaleString('en-US'));
      }),
    ]),
  });
  return { id: 'efficiency', title: 'Utilisation: requests per gateway CPU-second', blocks };
}
