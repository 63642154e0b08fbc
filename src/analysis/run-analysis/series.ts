/** One SeriesAnalysis per seriesKey: the USL fit with its validation, and the latency curve with its knee. */
import type { UslOutcome } from '../fit/types.js';
import type { AnalysisSettings, PointFinding, SeriesAnalysis, SeriesLevel } from './types.js';
import { levelEstimate } from '../point-intervals.js';
import { analyzeUsl, type UslSampleWithRep } from '../fit/usl-analysis.js';
import { fitUslRaw, uslThroughput } from '../fit/usl.js';
import { leaveOneOut } from '../fit/loo.js';
import { latencyCurve } from './latency.js';
import { groupBy } from '../stats.js';

export function seriesAnalyses(findings: readonly PointFinding[], settings: AnalysisSettings, thinkTimeMs: number): SeriesAnalysis[] {
  const result: SeriesAnalysis[] = [];
  for (const [seriesKey, group] of groupBy(findings, (finding) => finding.seriesKey)) {
    const first = group[0]!;
    const included = group.filter((finding) => !finding.excluded);
    const samples = uslSamples(included);
    const usl = seriesUsl(samples, first.model, settings);
    result.push({
      seriesKey,
      api: first.api,
      messageSizeBytes: first.messageSizeBytes,
      backendSleepMs: first.backendSleepMs,
      model: first.model,
      pointIds: group.map((finding) => finding.pointId),
      ...measuredLevels(included),
      usl,
      latency: latencyCurve(included, usl, thinkTimeMs, settings.sloP99Ms),
      validation: usl.status === 'fitted' ? uslValidation(samples) : null,
      peakRequestsPerGatewayCpuSecond: peakPerCpuSecond(included),
    });
  }
  return result;
}

function uslSamples(included: readonly PointFinding[]): UslSampleWithRep[] {
  return included
    .filter((finding) => finding.concurrency !== undefined)
    .map((finding) => ({ concurrency: finding.concurrency!, throughputRps: finding.throughputRps, repetition: finding.repetition }));
}

function seriesUsl(samples: UslSampleWithRep[], model: 'closed' | 'open', settings: AnalysisSettings): UslOutcome {
  if (model === 'open') {
    return {
      status: 'notFitted',
      reason: 'open-model series: the USL is fitted against concurrency (closed-loop users), not an offered rate',
      pointsUsed: 0,
      distinctConcurrency: 0,
    };
  }
  return analyzeUsl(samples, {
    minDistinctConcurrency: settings.minDistinctConcurrency,
    minR2: settings.minR2,
    resamples: settings.resamples,
    seed: settings.seed,
    level: 0.95,
  });
}

function uslValidation(samples: UslSampleWithRep[]) {
  return leaveOneOut(samples, {
    model: 'usl',
    xOf: (sample) => sample.concurrency,
    yOf: (sample) => sample.throughputRps,
    refit: (rest) => {
      const fit = fitUslRaw(rest);
      return fit === null ? null : (n) => uslThroughput(fit.params, n);
    },
  });
}

function peakPerCpuSecond(included: readonly PointFinding[]): SeriesAnalysis['peakRequestsPerGatewayCpuSecond'] {
  let best: SeriesAnalysis['peakRequestsPerGatewayCpuSecond'] = null;
  for (const finding of included) {
    const value = finding.utilisation.requestsPerGatewayCpuSecond;
    if (value !== null && (best === null || value > best.value)) best = { value, pointId: finding.pointId };
  }
  return best;
}

/** Each load level with its repetitions pooled, in load order, and the highest of them. */
function measuredLevels(included: readonly PointFinding[]): { levels: SeriesLevel[]; measuredPeak: SeriesLevel | null } {
  const levelOf = (finding: PointFinding): number => finding.concurrency ?? finding.rateRps ?? 0;
  const levels = [...groupBy(included, levelOf)]
    .sort((a, b) => a[0] - b[0])
    .map(([, repetitions]): SeriesLevel => {
      const estimate = levelEstimate(repetitions);
      const first = repetitions[0]!;
      return {
        ...(first.concurrency === undefined ? {} : { concurrency: first.concurrency }),
        ...(first.rateRps === undefined ? {} : { rateRps: first.rateRps }),
        throughputRps: estimate.throughputRps,
        throughputInterval: estimate.throughput,
        p99LatencyMs: estimate.p99Ms,
        p99Interval: estimate.p99,
        repetitions: estimate.repetitions,
        repetitionCvPct: estimate.repetitionCvPct,
      };
    });
  const measuredPeak = levels.reduce<SeriesLevel | null>((best, level) => (best === null || level.throughputRps > best.throughputRps ? level : best), null);
  return { levels, measuredPeak };
}
