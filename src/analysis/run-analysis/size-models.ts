/** Throughput against message size for every (api, sleep, concurrency) with several sizes measured. */
import type { PointFinding, SizeModel } from './types.js';
import { fitSizeModelRaw, sizeModelThroughput, type SizeSample } from '../fit/size-model.js';
import { leaveOneOut } from '../fit/loo.js';
import { distinctSorted, groupBy } from '../stats.js';

/** A size model needs 3 sizes: 2 parameters plus one level to check them against. */
const MIN_DISTINCT_SIZES = 3;

export function sizeModels(included: readonly PointFinding[], minR2: number): SizeModel[] {
  const closed = included.filter((finding) => finding.concurrency !== undefined);
  const groups = groupBy(closed, (finding) => `${finding.api}|${finding.backendSleepMs}|${finding.concurrency}`);
  const models: SizeModel[] = [];
  for (const group of groups.values()) {
    const sizes = distinctSorted(group.map((finding) => finding.messageSizeBytes));
    if (sizes.length < 2) continue; // one size: there is no size series here at all
    const first = group[0]!;
    const key = { api: first.api, backendSleepMs: first.backendSleepMs, concurrency: first.concurrency! };
    const samples: SizeSample[] = group.map((finding) => ({ messageSizeBytes: finding.messageSizeBytes, throughputRps: finding.throughputRps }));
    models.push({ ...key, ...fitSizeSeries(samples, sizes, minR2) });
  }
  return models.sort((a, b) => a.api.localeCompare(b.api) || a.backendSleepMs - b.backendSleepMs || a.concurrency - b.concurrency);
}

function fitSizeSeries(samples: SizeSample[], sizes: number[], minR2: number): Pick<SizeModel, 'fit' | 'validation'> {
  if (sizes.length < MIN_DISTINCT_SIZES) {
    return { fit: { status: 'notFitted', reason: `only ${sizes.length} distinct sizes; the size model needs ${MIN_DISTINCT_SIZES}`, pointsUsed: samples.length }, validation: null };
  }
  const fit = fitSizeModelRaw(samples);
  if (fit === null) return { fit: { status: 'notFitted', reason: 'the least-squares fit failed', pointsUsed: samples.length }, validation: null };
  if (fit.r2 < minR2) {
    return { fit: { status: 'notFitted', reason: `X(s) = 1/(a + b·s) does not describe this series: R² = ${fit.r2.toFixed(3)} < ${minR2}`, pointsUsed: samples.length }, validation: null };
  }
  const validation = leaveOneOut(samples, {
    model: 'size',
    xOf: (sample) => sample.messageSizeBytes,
    yOf: (sample) => sample.throughputRps,
    refit: (rest) => {
      const refit = fitSizeModelRaw(rest);
      return refit === null ? null : (size) => sizeModelThroughput(refit, size);
    },
  });
  return {
    fit: {
      status: 'fitted',
      model: 'inverse-linear',
      aSecPerRequest: fit.aSecPerRequest,
      bSecPerByte: fit.bSecPerByte,
      r2: fit.r2,
      points: samples.map((sample) => ({
        messageSizeBytes: sample.messageSizeBytes,
        measuredRps: sample.throughputRps,
        fittedRps: sizeModelThroughput(fit, sample.messageSizeBytes),
      })),
      measuredRange: { minBytes: sizes[0]!, maxBytes: sizes[sizes.length - 1]! },
    },
    validation,
  };
}
