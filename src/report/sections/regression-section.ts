import type { RatioEstimate, Verdict } from '../../analysis/regression/types.js';
import type { Block, Cell, CellTone, Section } from '../types.js';
import { formatRatio, num, plural, text } from './format.js';
import type { ReportData } from './report-data.js';

const TONE: Record<Verdict, CellTone | undefined> = { regression: 'fail', improvement: 'pass', 'no-change': undefined, inconclusive: 'warn' };

/**
 * Regression verdicts against an earlier run (`--compare`): ratio, its bootstrap interval and the verdict per
 * point. null (no section) when no comparison was asked for: an empty section is noise.
 */
export function regressionSection(data: ReportData): Section | null {
  const regression = data.regression;
  const blocks: Block[] = [];
  if (regression === null) return null;
  const counts = regression.counts;
  blocks.push({
    kind: 'facts',
    items: [
      { label: 'Verdict', value: regression.regressed ? 'REGRESSION: at least one confident regression' : 'pass: no confident regression', tone: regression.regressed ? 'fail' : 'pass' },
      { label: 'Baseline run', value: `${regression.baseline.runId} (${regression.baseline.machine.description})` },
      { label: 'This run', value: `${regression.candidate.runId} (${regression.candidate.machine.description})` },
      {
        label: 'Limits',
        value: `throughput may drop by ${regression.limits.maxThroughputDropPct} %, p99 may rise by ${regression.limits.maxP99RisePct} % before a confident change counts`,
      },
      {
        label: 'Method',
        value: `${Math.round(regression.method.level * 100)} % ${regression.method.kind} intervals, ${regression.method.resamples} resamples, seed ${regression.method.seed}`,
      },
      {
        label: 'Counts',
        value: `${plural(counts.regression, 'regression')}, ${plural(counts.improvement, 'improvement')}, ${counts['no-change']} no change, ${counts.inconclusive} inconclusive`,
      },
    ],
  });
  blocks.push({
    kind: 'table',
    caption: 'Per point: this run ÷ the baseline run, with 95 % intervals',
    columns: [
      { header: 'Point' },
      { header: 'Throughput ratio', numeric: true },
      { header: 'Throughput interval' },
      { header: 'p99 ratio', numeric: true },
      { header: 'p99 interval' },
      { header: 'Verdict' },
    ],
    rows: regression.points.map((point): Cell[] => [
      text(point.matchKey),
      ratioCell(point.throughput),
      text(intervalText(point.throughput)),
      ratioCell(point.p99),
      text(intervalText(point.p99)),
      text(point.verdict, TONE[point.verdict]),
    ]),
  });
  const missing = [
    ...(regression.baselineOnly.length > 0 ? [`Only in the baseline run: ${regression.baselineOnly.join(', ')}`] : []),
    ...(regression.candidateOnly.length > 0 ? [`Only in this run: ${regression.candidateOnly.join(', ')}`] : []),
    ...regression.notes,
  ];
  if (missing.length > 0) blocks.push({ kind: 'list', items: missing });
  return { id: 'regression', title: 'Regression verdicts', blocks };
}

function ratioCell(estimate: RatioEstimate): Cell {
  return num(estimate.ratio, formatRatio(estimate.ratio), TONE[estimate.verdict]);
}

function intervalText(estimate: RatioEstimate): string {
  return `${estimate.interval.low.toFixed(3)} – ${estimate.interval.high.toFixed(3)}`;
}
