/** Small numeric helpers shared by the fits (simple-statistics does the quantiles). */
import { quantileSorted } from 'simple-statistics';
import type { ConfidenceInterval } from './types.js';

export function mean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/** Coefficient of determination of fitted against measured values (1 - SSE/SST). */
export function rSquared(measured: readonly number[], fitted: readonly number[]): number {
  const average = mean(measured);
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < measured.length; i++) {
    sse += (measured[i]! - fitted[i]!) ** 2;
    sst += (measured[i]! - average) ** 2;
  }
  if (sst === 0) return sse === 0 ? 1 : 0;
  return 1 - sse / sst;
}

/** Percentile interval of bootstrap estimates. */
export function percentileInterval(estimates: readonly number[], level: number): ConfidenceInterval {
  const sorted = [...estimates].sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: quantileSorted(sorted, tail), high: quantileSorted(sorted, 1 - tail), level };
}

/** Groups values by a key, keeping first-seen order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export function distinctSorted(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** Linear interpolation of y at x between (x0, y0) and (x1, y1). */
export function interpolate(x: number, x0: number, y0: number, x1: number, y1: number): number {
  if (x1 === x0) return y0;
  return y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
}
