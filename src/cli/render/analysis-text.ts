/** The printed summary of a RunAnalysis (`gatebench analyze`); `--json` prints the object itself instead. */
import { formatSize } from '../../scenario/units.js';
import { methodSizeNoun } from '../../scenario/request-method.js';
import type { BaselineComparison, RunAnalysis, SeriesAnalysis } from '../../analysis/run-analysis/types.js';
import { uslIntervalCautions } from '../../analysis/fit/checked-interval.js';
import { interval, ms, pct, rps, sig, textTable } from './numbers.js';
import { seriesLabel } from '../../analysis/series-label.js';

function uslLine(series: SeriesAnalysis): string[] {
  const usl = series.usl;
  if (usl.status === 'notFitted') return [`  USL: not fitted: ${usl.reason}`];
  const method = usl.intervals.method;
  const lines = [
    `  USL: σ = ${sig(usl.params.sigma)} ${interval(usl.intervals.sigma)}, κ = ${sig(usl.params.kappa)} ${interval(usl.intervals.kappa)}, λ = ${sig(usl.params.lambda)} req/s ${interval(usl.intervals.lambda)}, R² = ${usl.r2.toFixed(4)} (${usl.pointsUsed} points, ${usl.distinctConcurrency} levels)`,
    `       peak: ${usl.peakConcurrency === null ? 'none' : `N* = ${sig(usl.peakConcurrency)} ${interval(usl.intervals.peakConcurrency)}`}, X = ${rps(usl.peakThroughputRps)} req/s ${interval(usl.intervals.peakThroughputRps, rps)}`,
    `       ${usl.peakNote}`,
    ...uslIntervalCautions(usl).map((caution) => `       caution: ${caution}`),
    `       intervals: ${method.level * 100} % bootstrap of residuals, ${method.resamples} resamples, seed ${method.seed}${method.failedResamples ? `, ${method.failedResamples} failed refits left out` : ''}`,
  ];
  if (series.validation) {
    lines.push(`       leave-one-out: mean |error| ${sig(series.validation.meanAbsErrorPct)} %, max ${sig(series.validation.maxAbsErrorPct)} % (${series.validation.note})`);
  }
  return lines;
}

function kneeLine(series: SeriesAnalysis): string {
  const knee = series.latency.knee;
  switch (knee.status) {
    case 'crossed':
      return `  knee: p99 crosses ${knee.sloP99Ms} ms at ≈${sig(knee.concurrency)} users (interpolated between ${knee.between[0]} users: ${ms(knee.p99AtBoundsMs[0])} and ${knee.between[1]} users: ${ms(knee.p99AtBoundsMs[1])})`;
    default:
      return `  knee: ${knee.reason}`;
  }
}

function limitingLine(analysis: RunAnalysis, series: SeriesAnalysis): string {
  const points = analysis.points.filter((point) => point.seriesKey === series.seriesKey && !point.excluded && point.concurrency !== undefined);
  if (points.length === 0) return '  limiting: n/a';
  const levels = (kind: string) => [...new Set(points.filter((point) => point.limiting.kind === kind).map((point) => point.concurrency!))].sort((a, b) => a - b);
  const parts = ['backend-bound', 'gateway-bound', 'unknown'].flatMap((kind) => (levels(kind).length ? [`${kind} at ${levels(kind).join(', ')} users`] : []));
  return `  limiting: ${parts.join('; ')}`;
}

function comparisonLines(comparison: BaselineComparison): string[] {
  const lines = [`Against ${comparison.baselineLabel} (${comparison.baselineFile})`, `  ours:   ${comparison.ours.description}`];
  for (const machine of comparison.theirs) lines.push(`  theirs: ${machine.description}`);
  if (comparison.points.length > 0) {
    lines.push(
      textTable(
        ['api', 'size', 'sleep', 'users', 'ours req/s', 'theirs req/s', 'ratio', 'per-vCPU ratio', 'ours p99', 'theirs p99'],
        comparison.points.map((point) => [
          point.api, formatSize(point.messageSizeBytes), `${point.backendSleepMs}ms`, String(point.concurrency), rps(point.oursRps), rps(point.theirsRps),
          sig(point.ratio), point.perVcpuRatio === null ? 'n/a' : `${sig(point.perVcpuRatio)} (${comparison.ours.vCpus} vs ${point.theirMachine.vCpus})`,
          ms(point.oursP99Ms), ms(point.theirsP99Ms),
        ]),
      ).replace(/^/gm, '  '),
    );
  }
  for (const series of comparison.series) {
    lines.push(`  series ${seriesLabel(series)}: peak ${rps(series.oursPeakRps)} vs ${rps(series.theirsPeakRps)} req/s (ratio ${sig(series.ratio)}), knee ${sig(series.oursKneeConcurrency)} vs ${sig(series.theirsKneeConcurrency)} users; ${series.note}`);
  }
  for (const note of comparison.notes) lines.push(`  note: ${note}`);
  return lines;
}

/** The summary first: a few lines a reader takes in at once, one per series. */
export function formatAnalysisBrief(analysis: RunAnalysis): string {
  const fitted = analysis.series.filter((series) => series.usl.status === 'fitted').length;
  const lines = [
    `Run ${analysis.runId} (${analysis.scenarioName}): ${analysis.series.length} series, ${analysis.points.length} points, USL fitted for ${fitted}, ${analysis.excluded.length} point${analysis.excluded.length === 1 ? '' : 's'} left out of fits`,
    `SLO p99: ${analysis.settings.sloP99Ms === null ? 'none' : `${analysis.settings.sloP99Ms} ms`}; machine: ${analysis.machine.description}`,
  ];
  for (const series of analysis.series) {
    const included = analysis.points.filter((point) => point.seriesKey === series.seriesKey && !point.excluded);
    const best = included.reduce<(typeof included)[number] | undefined>((a, b) => (a === undefined || b.throughputRps > a.throughputRps ? b : a), undefined);
    const whole = (value: number) => Math.round(value).toLocaleString('en-US');
    const at = best?.concurrency === undefined ? `${best?.rateRps} req/s offered` : `${best.concurrency} users`;
    const peak = best === undefined ? 'no included point' : `peak ${whole(best.throughputRps)} req/s at ${at}`;
    const knee = series.latency.knee.status === 'crossed' ? `, knee ≈ ${Math.round(series.latency.knee.concurrency)} users` : '';
    const perCpu = series.peakRequestsPerGatewayCpuSecond === null ? '' : `, ${whole(series.peakRequestsPerGatewayCpuSecond.value)} req per gateway CPU-s`;
    lines.push(`  ${series.seriesKey}: ${peak}${knee}${perCpu}${best === undefined ? '' : `, ${best.limiting.kind}`}`);
  }
  lines.push(...analysis.notes.map((note) => `note: ${note}`));
  return lines.join('\n') + '\n';
}

export function formatAnalysisSummary(analysis: RunAnalysis): string {
  const { settings } = analysis;
  const lines = [
    `Run ${analysis.runId} (${analysis.scenarioName})`,
    `Machine: ${analysis.machine.description}`,
    `SLO p99: ${settings.sloP99Ms === null ? 'none' : `${settings.sloP99Ms} ms (${settings.sloSource})`}; fits exclude points with error rate > ${settings.maxErrorPct} % or a saturated generator; USL refused below R² ${settings.minR2} or with fewer than ${settings.minDistinctConcurrency} levels`,
    '',
  ];
  for (const series of analysis.series) {
    lines.push(`Series ${series.seriesKey} (${series.model} model, ${series.pointIds.length} points)`);
    lines.push(...uslLine(series), kneeLine(series), limitingLine(analysis, series), '');
  }
  if (analysis.excluded.length > 0) {
    lines.push('Excluded from fits:');
    for (const point of analysis.excluded) lines.push(`  ${point.pointId}: ${point.reasons.join('; ')}`);
    lines.push('');
  }
  if (analysis.sizeModels.length > 0) {
    lines.push(`Throughput against ${methodSizeNoun(analysis.method)}, X(s) = 1 / (a + b·s):`);
    const refused = new Map<string, string[]>();
    for (const model of analysis.sizeModels) {
      const where = `${model.api} ${model.backendSleepMs}ms ${model.concurrency} users`;
      if (model.fit.status === 'notFitted') refused.set(model.fit.reason, [...(refused.get(model.fit.reason) ?? []), where]);
      else lines.push(`  ${where}: a = ${sig(model.fit.aSecPerRequest * 1e6)} µs/request, b = ${sig(model.fit.bSecPerByte * 1e9)} ns/byte, R² = ${model.fit.r2.toFixed(4)}${model.validation?.meanAbsErrorPct != null ? `, leave-one-out mean |error| ${sig(model.validation.meanAbsErrorPct)} %` : ''}`);
    }
    for (const [reason, groups] of refused) lines.push(`  not fitted (${groups.length}: ${groups.slice(0, 3).join('; ')}${groups.length > 3 ? '; ...' : ''}): ${reason}`);
    lines.push('');
  }
  lines.push('Mediation cost (mediation throughput / echo throughput):');
  if (analysis.mediation.bySize.length === 0) lines.push(`  ${analysis.mediation.note ?? 'none'}`);
  for (const size of analysis.mediation.bySize) {
    lines.push(`  ${formatSize(size.messageSizeBytes)} ${size.backendSleepMs}ms: mean ${pct(size.meanRatio)} (min ${pct(size.minRatio)}, max ${pct(size.maxRatio)}, ${size.pointCount} levels)`);
  }
  lines.push('');
  const predicted = analysis.predictions.filter((prediction) => prediction.status === 'predicted');
  if (predicted.length > 0) {
    lines.push(`Predictions (${predicted.length}, inside measured ranges only; see analysis.json for each):`);
    for (const prediction of predicted.slice(0, 8)) {
      lines.push(`  ${seriesLabel(prediction)} ${prediction.concurrency} users: ${rps(prediction.predictedRps)} req/s via ${prediction.via} (LOO mean |error| ${sig(prediction.looMeanAbsErrorPct)} %)`);
    }
    lines.push('');
  }
  for (const comparison of analysis.comparisons) lines.push(...comparisonLines(comparison), '');
  for (const note of analysis.notes) lines.push(`Note: ${note}`);
  return lines.join('\n').trimEnd() + '\n';
}
