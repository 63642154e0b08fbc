/**
 * Throughput against message size at fixed API, sleep and concurrency: X(s) = 1 / (a + b·s), a fixed cost per
 * request (a seconds) plus a cost per byte (b seconds/byte). Started from the straight line 1/X = a + b·s
 * (simple-statistics), then refined by least squares on the throughput scale (ml-levenberg-marquardt) with
 * a, b >= 0, so R² is reported on throughput, the quantity a reader cares about.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { linearRegression } from 'simple-statistics';
import { rSquared } from '../stats.js';

export interface SizeSample {
  messageSizeBytes: number;
  throughputRps: number;
}

export interface SizeRawFit {
  aSecPerRequest: number;
  bSecPerByte: number;
  r2: number;
}

export function sizeModelThroughput(fit: { aSecPerRequest: number; bSecPerByte: number }, messageSizeBytes: number): number {
  return 1 / (fit.aSecPerRequest + fit.bSecPerByte * messageSizeBytes);
}

/** Null when fewer than 2 distinct sizes or no positive throughput. */
export function fitSizeModelRaw(samples: readonly SizeSample[]): SizeRawFit | null {
  const usable = samples.filter((sample) => sample.throughputRps > 0 && sample.messageSizeBytes >= 0);
  if (new Set(usable.map((sample) => sample.messageSizeBytes)).size < 2) return null;
  const line = linearRegression(usable.map((sample) => [sample.messageSizeBytes, 1 / sample.throughputRps]));
  const scaleS = Math.max(1, ...usable.map((sample) => sample.messageSizeBytes));
  const scaleX = Math.max(...usable.map((sample) => sample.throughputRps));
  const start = [Math.max(line.b, 1e-9) * scaleX, Math.max(line.m, 0) * scaleS * scaleX];
  const result = levenbergMarquardt(
    { x: usable.map((sample) => sample.messageSizeBytes / scaleS), y: usable.map((sample) => sample.throughputRps / scaleX) },
    ([p0, p1]: number[]) => (v: number) => 1 / (p0! + p1! * v),
    {
      initialValues: start,
      minValues: [1e-9, 0],
      maxIterations: 200,
      errorTolerance: 1e-12,
      jacobianFunction: ([p0, p1]: number[]) => (v: number) => {
        const d = p0! + p1! * v;
        return [-1 / (d * d), -v / (d * d)];
      },
    },
  );
  const [p0, p1] = result.parameterValues;
  const fit = { aSecPerRequest: p0! / scaleX, bSecPerByte: p1! / (scaleS * scaleX) };
  const measured = usable.map((sample) => sample.throughputRps);
  const fitted = usable.map((sample) => sizeModelThroughput(fit, sample.messageSizeBytes));
  return { ...fit, r2: rSquared(measured, fitted) };
}
