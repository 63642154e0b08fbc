import type { Knee, SeriesAnalysis } from '../../analysis/run-analysis/types.js';
import { measuredSeries, peakOf, type MeasuredSeries } from '../charts/series-data.js';
import type { Block, Cell, Section } from '../types.js';
import { formatMs, formatPct, formatRatio, formatRps, gradedTone, num, plural, seriesName, sizeCell, text } from './format.js';
import { theirVcpuCounts } from './baseline-section.js';
import { describeSlo } from '../../scenario/slo-text.js';
import { sizeNoun } from '../../scenario/request-method.js';
import type { ReportData } from './report-data.js';

/** The one-minute read: peak throughput per message (or response) size, the knee, instances needed, SLO pass/fail. */
export function summarySection(data: ReportData): Section {
  const { run, analysis } = data;
  const series = measuredSeries(data);
  const blocks: Block[] = [];
  const scenario = run.manifest.scenario;
  const passed = run.points.filter((point) => point.slo.pass).length;
  const sloWords = sloDescription(data);
  const grade = data.headline.trust.grade;
  const gradeWords = grade === 'publishable' ? '' : ` (${grade}: see the answer above)`;
  blocks.push({
    kind: 'facts',
    items: [
      { label: 'Run', value: `${run.manifest.runId} (${run.manifest.status}, ${run.points.length} of ${run.manifest.plannedPoints} points measured)` },
      { label: 'Gateway', value: run.manifest.targetDescription },
      { label: 'Host', value: `${run.manifest.host.cpuModel}, ${run.manifest.host.cores} cores` },
      {
        label: 'SLO',
        value: sloWords === undefined ? 'none set' : `${passed} of ${run.points.length} points met it (${sloWords})${gradeWords}`,
        tone: sloWords === undefined ? undefined : gradedTone(passed === run.points.length ? 'pass' : 'fail', grade),
      },
      ...baselineFacts(data),
      ...(data.regression === null
        ? []
        : [{ label: 'Regression gate', value: data.regression.regressed ? `FAIL: ${plural(data.regression.counts.regression, 'confident regression')}` : 'pass: no confident regression', tone: gradedTone(data.regression.regressed ? 'fail' : 'pass', grade) }]),
    ],
  });
  if (series.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'The run has no measured points, so there is nothing to summarise.' });
    return { id: 'summary', title: 'Executive summary', blocks };
  }
  const rows = peakRows(series, analysis.series);
  const size = sizeNoun(scenario);
  blocks.push({
    kind: 'table',
    caption: `Peak measured throughput per API and ${size} (over every backend sleep and load level), and where p99 latency crosses the SLO`,
    columns: [
      { header: 'API' },
      { header: sizeNoun(scenario, true) },
      { header: 'Peak throughput', numeric: true },
      { header: 'Reached at' },
      { header: 'p99 at peak', numeric: true },
      { header: 'Knee (p99 reaches SLO)' },
    ],
    rows,
  });
  blocks.push({ kind: 'paragraph', text: headline(series, scenario.name) });
  return { id: 'summary', title: 'Executive summary', blocks };
}

export function sloDescription(data: ReportData): string | undefined {
  return describeSlo(data.run.manifest.scenario.slo);
}

/** One line per baseline with matched series: the range of ours ÷ theirs, and the machines in a few words. */
function baselineFacts(data: ReportData): Array<{ label: string; value: string; tone?: 'warn' }> {
  return data.analysis.comparisons
    .filter((comparison) => comparison.series.length > 0)
    .map((comparison) => {
      const ratios = comparison.series.map((row) => row.ratio);
      const theirCpus = theirVcpuCounts(comparison);
      const range = ratios.length === 1 ? formatRatio(ratios[0]) : `${formatRatio(Math.min(...ratios))} to ${formatRatio(Math.max(...ratios))}`;
      return {
        label: `vs ${comparison.baselineLabel}`,
        value: `peak throughput ${range} theirs over ${comparison.series.length} matching series (this host ${data.run.manifest.host.cores} cores, theirs ${theirCpus.join('/') || '?'} vCPU: not like for like)`,
        tone: 'warn' as const,
      };
    });
}

function peakRows(series: MeasuredSeries[], analyses: SeriesAnalysis[]): Cell[][] {
  const keys = [...new Set(series.map((s) => `${s.api}|${s.messageSizeBytes}`))];
  return keys.map((key) => {
    const group = series.filter((s) => `${s.api}|${s.messageSizeBytes}` === key);
    const best = group.reduce((a, b) => (peakOf(b).throughputRps > peakOf(a).throughputRps ? b : a));
    const peak = peakOf(best);
    const unit = best.model === 'closed' ? 'users' : 'req/s offered';
    const knee = analyses.find((a) => a.seriesKey === best.seriesKey)?.latency.knee;
    return [
      text(best.api),
      sizeCell(best.messageSizeBytes),
      num(peak.throughputRps, formatRps(peak.throughputRps)),
      text(`${peak.level} ${unit}, sleep ${best.backendSleepMs} ms`),
      num(peak.p99Ms, formatMs(peak.p99Ms)),
      text(kneeText(knee, best.model), knee?.status === 'above' ? 'fail' : undefined),
    ];
  });
}

export function kneeText(knee: Knee | undefined, model: 'closed' | 'open' = 'closed'): string {
  if (model === 'open') return 'n/a (open model: the knee is found against concurrency)';
  if (knee === undefined) return 'not analysed';
  switch (knee.status) {
    case 'crossed':
      return `≈ ${Math.round(knee.concurrency)} users (between ${knee.between[0]} and ${knee.between[1]})`;
    case 'below':
      return `not reached: ${knee.reason}`;
    case 'above':
      return `already past: ${knee.reason}`;
    case 'noSlo':
      return 'no p99 SLO set';
  }
}

function headline(series: MeasuredSeries[], scenarioName: string): string {
  const best = series.reduce((a, b) => (peakOf(b).throughputRps > peakOf(a).throughputRps ? b : a));
  const echo = series.filter((s) => s.api === 'echo');
  const mediation = series.filter((s) => s.api === 'mediation');
  const parts = [`Scenario ${scenarioName}: the highest throughput measured was ${formatRps(peakOf(best).throughputRps)} (${seriesName(best)}).`];
  if (echo.length > 0 && mediation.length > 0) {
    const ratios = mediation
      .map((m) => {
        const e = echo.find((s) => s.messageSizeBytes === m.messageSizeBytes && s.backendSleepMs === m.backendSleepMs);
        return e === undefined ? undefined : peakOf(m).throughputRps / peakOf(e).throughputRps;
      })
      .filter((ratio): ratio is number => ratio !== undefined);
    if (ratios.length > 0) {
      const low = Math.min(...ratios) * 100;
      const high = Math.max(...ratios) * 100;
      parts.push(`Mediation reached ${formatPct(low, 0)}–${formatPct(high, 0)} of the echo API's peak at the same size and sleep.`);
    }
  }
  return parts.join(' ');
}
