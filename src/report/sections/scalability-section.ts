import { uslIntervalCautions } from '../../analysis/fit/checked-interval.js';
import type { SeriesAnalysis } from '../../analysis/run-analysis/types.js';
import type { Block, Cell, Section } from '../types.js';
import { formatPct, formatRps, none, num, sizeCell, sleepCell, text } from './format.js';
import { chartIds, type ReportData } from './report-data.js';
import { kneeText } from './summary-section.js';

/** Throughput and latency against load, message size and backend sleep; the USL fits and the mediation cost. */
export function scalabilitySection(data: ReportData): Section {
  const blocks: Block[] = [
    { kind: 'charts', chartIds: chartIds(data, 'throughput-concurrency-') },
    { kind: 'charts', chartIds: chartIds(data, 'latency-concurrency-') },
  ];
  if (data.analysis.series.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Universal Scalability Law fit per series: X(N) = λN / (1 + σ(N−1) + κN(N−1))',
      columns: [
        { header: 'API' },
        { header: 'Size' },
        { header: 'Sleep', numeric: true },
        { header: 'σ (contention)', numeric: true },
        { header: 'κ (coherency)', numeric: true },
        { header: 'λ (req/s per user)', numeric: true },
        { header: 'R²', numeric: true },
        { header: 'Peak (95 % interval)' },
        { header: 'Knee (p99 reaches SLO)' },
        { header: 'Note' },
      ],
      rows: data.analysis.series.map(fitRow),
    });
  }
  const dimensionCharts = [...chartIds(data, 'throughput-size'), ...chartIds(data, 'throughput-sleep'), ...chartIds(data, 'mediation-cost')];
  if (dimensionCharts.length > 0) blocks.push({ kind: 'charts', chartIds: dimensionCharts });
  const mediation = data.analysis.mediation;
  if (mediation.bySize.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Cost of mediation: mediation ÷ echo throughput at the same size, sleep and load level',
      columns: [
        { header: 'Size' },
        { header: 'Sleep', numeric: true },
        { header: 'Points', numeric: true },
        { header: 'Mean', numeric: true },
        { header: 'Lowest', numeric: true },
        { header: 'Highest', numeric: true },
      ],
      rows: mediation.bySize.map((entry): Cell[] => [
        sizeCell(entry.messageSizeBytes),
        sleepCell(entry.backendSleepMs),
        num(entry.pointCount, String(entry.pointCount)),
        num(entry.meanRatio, formatPct(entry.meanRatio * 100, 0)),
        num(entry.minRatio, formatPct(entry.minRatio * 100, 0)),
        num(entry.maxRatio, formatPct(entry.maxRatio * 100, 0)),
      ]),
    });
  } else if (mediation.note !== undefined) {
    blocks.push({ kind: 'paragraph', text: `Cost of mediation: ${mediation.note}` });
  }
  return { id: 'scalability', title: 'Throughput and latency', blocks };
}

function fitRow(series: SeriesAnalysis): Cell[] {
  const head: Cell[] = [text(series.api), sizeCell(series.messageSizeBytes), sleepCell(series.backendSleepMs)];
  const knee = text(kneeText(series.latency.knee, series.model), series.latency.knee.status === 'above' ? 'fail' : undefined);
  const fit = series.usl;
  if (fit.status === 'notFitted') return [...head, none(), none(), none(), none(), none('not fitted'), knee, text(fit.reason, 'warn')];
  const peak = fit.intervals.peakThroughputRps;
  const cautions = uslIntervalCautions(fit);
  const where = fit.peakConcurrency === null ? '' : ` at N* ≈ ${Math.round(fit.peakConcurrency)}`;
  return [
    ...head,
    num(fit.params.sigma, fit.params.sigma.toFixed(4)),
    num(fit.params.kappa, fit.params.kappa.toExponential(2)),
    num(fit.params.lambda, fit.params.lambda.toFixed(1)),
    num(fit.r2, fit.r2.toFixed(3)),
    text(`${formatRps(fit.peakThroughputRps)}${where} (${Math.round(peak.low)}–${Math.round(peak.high)}${peak.unreliable === undefined ? '' : ', unreliable'})`, peak.unreliable === undefined ? undefined : 'warn'),
    knee,
    cautions.length === 0 ? text(fit.peakNote) : text([fit.peakNote, ...cautions.map((caution) => `Caution: ${caution}`)].join('. '), 'warn'),
  ];
}
