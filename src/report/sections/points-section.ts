import type { ConfidenceInterval } from '../../analysis/types.js';
import type { StoredPoint } from '../../store/types.js';
import { loadLevel } from '../charts/series-data.js';
import { MIN_TIMELINE_SECONDS } from '../charts/timeline-charts.js';
import type { Block, Cell, Section } from '../types.js';
import { formatMs, formatPct, formatRps, gradedTone, none, num, sizeCell, sleepCell, text } from './format.js';
import { chartIds, type ReportData } from './report-data.js';

/**
 * Stability over time (per-second timelines), latency distributions (HDR) and the table of every point.
 * Per-second throughput variation is the coefficient of variation over the measured seconds: a stall or a
 * drift shows up here even when the point's average looks fine.
 */

/** Coefficient of variation (%) of per-second throughput over the measured window; null with under 3 seconds. */
function throughputVariationPct(point: StoredPoint): number | null {
  const rates = point.result.timeline.map((second) => second.throughputRps);
  if (rates.length < 3) return null;
  const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  if (mean === 0) return null;
  const variance = rates.reduce((sum, rate) => sum + (rate - mean) ** 2, 0) / (rates.length - 1);
  return (Math.sqrt(variance) / mean) * 100;
}

/** Above this per-second variation a point is flagged as unstable (a steady point is a few percent). */
const UNSTABLE_VARIATION_PCT = 10;

export function stabilitySection(data: ReportData): Section {
  const unstable = data.run.points
    .map((point) => ({ point, variation: throughputVariationPct(point) }))
    .filter((item) => item.variation !== null && item.variation > UNSTABLE_VARIATION_PCT);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        unstable.length === 0
          ? `No point's per-second throughput varied by more than ${UNSTABLE_VARIATION_PCT} % (coefficient of variation over the measured seconds).`
          : `Unstable points (per-second throughput varied by more than ${UNSTABLE_VARIATION_PCT} %): ` +
            unstable.map((item) => `${item.point.point.pointId} (${formatPct(item.variation ?? 0, 0)})`).join(', ') + '.',
    },
  ];
  const short = data.run.points.filter((point) => point.result.timeline.length < MIN_TIMELINE_SECONDS);
  if (short.length > 0) {
    const windows = [...new Set(short.map((point) => point.result.durationS))].map((seconds) => `${seconds} s`).join(', ');
    blocks.push({
      kind: 'paragraph',
      text:
        `${short.length === data.run.points.length ? 'Every point' : `${short.length} of ${data.run.points.length} points`} had a measured window of ${windows}: ` +
        `fewer than ${MIN_TIMELINE_SECONDS} per-second samples, too short for a timeline, so none is drawn for ${short.length === data.run.points.length ? 'them' : 'series made only of such points'}. ` +
        'Stability cannot be judged from this run; measure longer windows (timing.duration) to see it.',
    });
  }
  blocks.push({ kind: 'charts', chartIds: chartIds(data, 'timeline-') });
  return { id: 'stability', title: 'Stability over time', blocks };
}

export function distributionSection(data: ReportData): Section {
  return {
    id: 'distributions',
    title: 'Latency distributions',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Latency at every percentile, read from each point\'s HDR histogram (1 µs to 1 h, 3 significant digits). The x axis is ' +
          '1 / (1 − percentile) on a log scale, so 90 %, 99 % and 99.9 % are equally spaced; a line ends where the data ends.',
      },
      { kind: 'charts', chartIds: chartIds(data, 'distribution-') },
    ],
  };
}

/** Half the 95 % interval as ± % of the figure; a dash when the window had too few samples for one. */
function halfWidthCell(interval: ConfidenceInterval | undefined, center: number): Cell {
  if (interval === undefined || !Number.isFinite(interval.low) || !Number.isFinite(interval.high) || center <= 0) return text('—', 'muted');
  const pct = ((interval.high - interval.low) / 2 / center) * 100;
  return num(pct, `±${formatPct(pct, 1)}`, pct > UNSTABLE_VARIATION_PCT ? 'warn' : undefined);
}

export function pointsSection(data: ReportData): Section {
  const excluded = new Map(data.analysis.excluded.map((item) => [item.pointId, item.reasons.join('; ')]));
  const findings = new Map(data.analysis.points.map((finding) => [finding.pointId, finding]));
  const grade = data.headline.trust.grade;
  const rows = data.run.points.map((stored): Cell[] => {
    const perCpuSecond = findings.get(stored.point.pointId)?.utilisation.requestsPerGatewayCpuSecond ?? null;
    const result = stored.result;
    const variation = throughputVariationPct(stored);
    const notes = [
      ...(result.generator.saturated ? ['generator saturated'] : []),
      ...(result.littlesLaw.ok ? [] : [`Little's law ratio ${result.littlesLaw.ratio.toFixed(2)}`]),
      ...(excluded.has(stored.point.pointId) ? [`left out of fits: ${excluded.get(stored.point.pointId)}`] : []),
    ];
    return [
      text(stored.point.pointId),
      text(stored.point.api),
      sizeCell(stored.point.messageSizeBytes),
      sleepCell(stored.point.backendSleepMs),
      num(loadLevel(stored), String(loadLevel(stored))),
      num(result.throughputRps, formatRps(result.throughputRps)),
      halfWidthCell(findings.get(stored.point.pointId)?.throughputInterval, result.throughputRps),
      num(result.latencyMs.p50, formatMs(result.latencyMs.p50)),
      num(result.latencyMs.p99, formatMs(result.latencyMs.p99)),
      halfWidthCell(findings.get(stored.point.pointId)?.p99Interval, result.latencyMs.p99),
      num(result.latencyMs.p999, formatMs(result.latencyMs.p999)),
      num(result.errorPct, formatPct(result.errorPct, 2), result.errorPct > 0 ? 'warn' : undefined),
      variation === null ? text('—', 'muted') : num(variation, formatPct(variation, 1), variation > UNSTABLE_VARIATION_PCT ? 'warn' : undefined),
      perCpuSecond === null ? none('unknown') : num(perCpuSecond, Math.round(perCpuSecond).toLocaleString('en-US')),
      text(stored.slo.pass ? 'pass' : `fail: ${stored.slo.reasons.join('; ')}`, gradedTone(stored.slo.pass ? 'pass' : 'fail', grade)),
      text(notes.join('; ')),
    ];
  });
  const levelHeader = data.run.manifest.scenario.sweep.levels.model === 'closed' ? 'Users' : 'Rate (req/s)';
  return {
    id: 'points',
    title: 'All points',
    blocks: [
      {
        kind: 'table',
        caption: 'Every measured point (click a header to sort); ± is half the 95 % interval from the window\'s sub-second samples',
        columns: [
          { header: 'Point' },
          { header: 'API' },
          { header: 'Size', numeric: true },
          { header: 'Sleep', numeric: true },
          { header: levelHeader, numeric: true },
          { header: 'Throughput', numeric: true },
          { header: '± (95 %)', numeric: true },
          { header: 'p50', numeric: true },
          { header: 'p99', numeric: true },
          { header: 'p99 ± (95 %)', numeric: true },
          { header: 'p99.9', numeric: true },
          { header: 'Errors', numeric: true },
          { header: 'Per-second variation', numeric: true },
          { header: 'Req per gateway CPU-s', numeric: true },
          { header: 'SLO' },
          { header: 'Notes' },
        ],
        rows,
      },
    ],
  };
}
