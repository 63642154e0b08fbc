/**
 * Predictions of points that were not measured, only inside the measured ranges: along concurrency through
 * the series' USL fit, or along message size through the size model. Each carries its model's LOO error.
 */
import type { Prediction, PredictionQuery, SeriesAnalysis, SizeModel } from './types.js';
import { uslThroughput } from '../fit/usl.js';
import { sizeModelThroughput } from '../fit/size-model.js';
import { formatSize } from '../../scenario/units.js';
import { seriesLabel } from '../series-label.js';

/** By default: the midpoint between each pair of neighbouring measured concurrencies of every fitted series. */
export function defaultQueries(series: readonly SeriesAnalysis[]): PredictionQuery[] {
  const queries: PredictionQuery[] = [];
  for (const entry of series) {
    if (entry.usl.status !== 'fitted') continue;
    const levels = entry.latency.measured.map((level) => level.concurrency);
    for (let i = 1; i < levels.length; i++) {
      const mid = Math.round((levels[i - 1]! + levels[i]!) / 2);
      if (mid > levels[i - 1]! && mid < levels[i]!) {
        queries.push({ api: entry.api, messageSizeBytes: entry.messageSizeBytes, backendSleepMs: entry.backendSleepMs, concurrency: mid });
      }
    }
  }
  return queries;
}

export function predict(query: PredictionQuery, series: readonly SeriesAnalysis[], sizeModels: readonly SizeModel[]): Prediction {
  const label = `${seriesLabel(query)} c${query.concurrency}`;
  const match = series.find(
    (entry) => entry.model === 'closed' && entry.api === query.api && entry.messageSizeBytes === query.messageSizeBytes && entry.backendSleepMs === query.backendSleepMs,
  );
  if (match && match.usl.status === 'fitted') {
    const { minConcurrency, maxConcurrency } = match.usl.measuredRange;
    if (query.concurrency >= minConcurrency && query.concurrency <= maxConcurrency) {
      return {
        ...query,
        via: 'usl',
        status: 'predicted',
        predictedRps: uslThroughput(match.usl.params, query.concurrency),
        looMeanAbsErrorPct: match.validation?.meanAbsErrorPct ?? null,
        note: `USL fit of series ${match.seriesKey} (R² ${match.usl.r2.toFixed(3)}), interpolated inside ${minConcurrency}..${maxConcurrency} users`,
      };
    }
  }
  const model = sizeModels.find(
    (entry) => entry.api === query.api && entry.backendSleepMs === query.backendSleepMs && entry.concurrency === query.concurrency,
  );
  if (model && model.fit.status === 'fitted') {
    const { minBytes, maxBytes } = model.fit.measuredRange;
    if (query.messageSizeBytes >= minBytes && query.messageSizeBytes <= maxBytes) {
      return {
        ...query,
        via: 'size',
        status: 'predicted',
        predictedRps: sizeModelThroughput(model.fit, query.messageSizeBytes),
        looMeanAbsErrorPct: model.validation?.meanAbsErrorPct ?? null,
        note: `size model X(s) = 1/(a + b·s) at ${query.api} ${query.backendSleepMs}ms c${query.concurrency} (R² ${model.fit.r2.toFixed(3)}), interpolated inside ${formatSize(minBytes)}..${formatSize(maxBytes)}`,
      };
    }
  }
  return {
    ...query,
    via: match ? 'usl' : 'size',
    status: 'refused',
    predictedRps: null,
    looMeanAbsErrorPct: null,
    note: `${label}: no fitted model covers it inside its measured range (gatebench interpolates, never extrapolates)`,
  };
}
