/**
 * Universal Scalability Law: X(N) = λN / (1 + σ(N−1) + κN(N−1)), fitted by nonlinear least squares
 * (ml-levenberg-marquardt) with σ, κ >= 0 and λ > 0, from several starting points; the best fit wins.
 *
 * The solver works on rescaled parameters (N over its maximum, X over its maximum) so that all three are of
 * similar size: Levenberg-Marquardt's damping is isotropic and converges badly when σ ~ 0.05, κ ~ 1e-5 and
 * λ ~ 1000 are stepped together. Starting points come from Gunther's linearisation: for a trial λ,
 * λN/X − 1 = σ(N−1) + κN(N−1) is linear in σ and κ. When a bound binds, the reduced models' own optima
 * (usl-reduced.ts) replace the point where LM stopped against the bound.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { UslParameters } from './types.js';
import { rSquared } from '../stats.js';
import { fitUslOnBound, type UslBound } from './usl-reduced.js';

export interface UslSample {
  concurrency: number;
  throughputRps: number;
}

export interface UslRawFit {
  params: UslParameters;
  sse: number;
  r2: number;
}

export function uslThroughput(params: UslParameters, concurrency: number): number {
  const n = concurrency;
  return (params.lambda * n) / (1 + params.sigma * (n - 1) + params.kappa * n * (n - 1));
}

/** N* = sqrt((1 − σ)/κ); null when κ = 0 or σ >= 1 (throughput never turns down). */
export function uslPeakConcurrency(params: UslParameters): number | null {
  if (params.kappa <= 0 || params.sigma >= 1) return null;
  return Math.sqrt((1 - params.sigma) / params.kappa);
}

interface Scale {
  n: number;
  x: number;
}

// Scaled parameters q = [σ·sN, κ·sN², λ·sN/sX] with u = N/sN and y = X/sX:
// y = q2·u / (1 + q0·a + q1·u·a), a = u − 1/sN.
function toScaled(params: UslParameters, scale: Scale): number[] {
  return [params.sigma * scale.n, params.kappa * scale.n * scale.n, (params.lambda * scale.n) / scale.x];
}

function fromScaled(q: readonly number[], scale: Scale): UslParameters {
  return { sigma: q[0]! / scale.n, kappa: q[1]! / (scale.n * scale.n), lambda: (q[2]! * scale.x) / scale.n };
}

function scaledModel(scale: Scale) {
  return ([q0, q1, q2]: number[]) =>
    (u: number): number => {
      const a = u - 1 / scale.n;
      return (q2! * u) / (1 + q0! * a + q1! * u * a);
    };
}

function scaledJacobian(scale: Scale) {
  return ([q0, q1, q2]: number[]) =>
    (u: number): number[] => {
      const a = u - 1 / scale.n;
      const d = 1 + q0! * a + q1! * u * a;
      return [(-q2! * u * a) / (d * d), (-q2! * u * u * a) / (d * d), u / d];
    };
}

function sumSquaredErrors(samples: readonly UslSample[], params: UslParameters): number {
  let sse = 0;
  for (const sample of samples) sse += (sample.throughputRps - uslThroughput(params, sample.concurrency)) ** 2;
  return sse;
}

function boundsHeld(params: UslParameters): UslBound[] {
  if (params.sigma === 0 && params.kappa === 0) return ['kappa', 'sigma', 'both'];
  if (params.kappa === 0) return ['kappa'];
  if (params.sigma === 0) return ['sigma'];
  return [];
}

/** Non-negative least squares of y on two columns, by trying the four active sets (tiny problem). */
function nonNegativePair(y: number[], c1: number[], c2: number[]): [number, number] {
  const dot = (p: number[], q: number[]) => p.reduce((total, value, i) => total + value * q[i]!, 0);
  const s11 = dot(c1, c1);
  const s22 = dot(c2, c2);
  const s12 = dot(c1, c2);
  const y1 = dot(y, c1);
  const y2 = dot(y, c2);
  const candidates: Array<[number, number]> = [[0, 0]];
  const det = s11 * s22 - s12 * s12;
  if (det > 0) candidates.push([(y1 * s22 - y2 * s12) / det, (y2 * s11 - y1 * s12) / det]);
  if (s11 > 0) candidates.push([y1 / s11, 0]);
  if (s22 > 0) candidates.push([0, y2 / s22]);
  let best: [number, number] = [0, 0];
  let bestError = Infinity;
  for (const [a, b] of candidates) {
    if (a < 0 || b < 0) continue;
    const error = y.reduce((total, value, i) => total + (value - a * c1[i]! - b * c2[i]!) ** 2, 0);
    if (error < bestError) {
      bestError = error;
      best = [a, b];
    }
  }
  return best;
}

/** Starting points from the linearisation, for a few trial values of λ. */
export function uslInitialGuesses(samples: readonly UslSample[]): UslParameters[] {
  const lambda0 = Math.max(...samples.map((sample) => sample.throughputRps / sample.concurrency));
  const guesses: UslParameters[] = [{ sigma: 0.01, kappa: 0, lambda: lambda0 }];
  for (const factor of [1, 1.15, 1.4, 2, 3]) {
    const lambda = lambda0 * factor;
    const y = samples.map((sample) => (lambda * sample.concurrency) / sample.throughputRps - 1);
    const c1 = samples.map((sample) => sample.concurrency - 1);
    const c2 = samples.map((sample) => sample.concurrency * (sample.concurrency - 1));
    const [sigma, kappa] = nonNegativePair(y, c1, c2);
    guesses.push({ sigma, kappa, lambda });
  }
  return guesses;
}

/**
 * Best least-squares USL fit from the given starting points (default: the linearisation grid).
 * Returns null when the data cannot be fitted (fewer than 3 distinct concurrencies, no positive throughput).
 */
export function fitUslRaw(
  samples: readonly UslSample[],
  guesses: readonly UslParameters[] = uslInitialGuesses(samples),
  maxIterations = 200,
): UslRawFit | null {
  const usable = samples.filter((sample) => sample.concurrency > 0 && sample.throughputRps > 0);
  if (new Set(usable.map((sample) => sample.concurrency)).size < 3) return null;
  const scale: Scale = {
    n: Math.max(...usable.map((sample) => sample.concurrency)),
    x: Math.max(...usable.map((sample) => sample.throughputRps)),
  };
  const data = {
    x: usable.map((sample) => sample.concurrency / scale.n),
    y: usable.map((sample) => sample.throughputRps / scale.x),
  };
  let best: UslRawFit | null = null;
  for (const guess of guesses) {
    const result = levenbergMarquardt(data, scaledModel(scale), {
      initialValues: toScaled(guess, scale),
      minValues: [0, 0, 0],
      jacobianFunction: scaledJacobian(scale),
      maxIterations,
      errorTolerance: 1e-12,
    });
    const params = fromScaled(result.parameterValues, scale);
    if (!(params.lambda > 0) || !Number.isFinite(params.sigma) || !Number.isFinite(params.kappa)) continue;
    const sse = sumSquaredErrors(usable, params);
    if (!Number.isFinite(sse)) continue;
    if (best === null || sse < best.sse) best = { params, sse, r2: 0 };
  }
  // Active-set refit: LM clamped at κ = 0 or σ = 0 stalls short of the bounded optimum, so when its best fit
  // sits on a bound, the optimum of that reduced model (one shape parameter, λ in closed form) competes too.
  const onBound = best === null ? [] : boundsHeld(best.params);
  for (const bound of onBound) {
    const params = fitUslOnBound(usable, bound, scale.n);
    if (params === null) continue;
    const sse = sumSquaredErrors(usable, params);
    if (Number.isFinite(sse) && (best === null || sse < best.sse)) best = { params, sse, r2: 0 };
  }
  if (best === null) return null;
  const measured = usable.map((sample) => sample.throughputRps);
  const fitted = usable.map((sample) => uslThroughput(best.params, sample.concurrency));
  return { ...best, r2: rSquared(measured, fitted) };
}
