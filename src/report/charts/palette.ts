import { distinctSorted } from '../../analysis/stats.js';
import type { Api } from '../../scenario/types.js';

/**
 * Colours carry meaning across every chart: echo is a blue family, mediation an orange family (direct, green), and the
 * same message size (or load level) has the same lightness in both, so a reader can pair the lines.
 */
const HUE: Record<Api, number> = { echo: 212, mediation: 24, direct: 130 };

/** Darkest for the first (smallest) value, lighter for later ones, always readable on white. */
export function seriesColour(api: Api, rank: number, count: number): string {
  const lightness = count <= 1 ? 40 : 28 + (34 * rank) / (count - 1);
  return `hsl(${HUE[api]}, 75%, ${lightness.toFixed(0)}%)`;
}

/** A neutral family for charts that are not split by API (e.g. backend sleep lines). */
export function neutralColour(rank: number, count: number): string {
  const hue = count <= 1 ? 160 : 140 + (160 * rank) / count;
  return `hsl(${hue.toFixed(0)}, 55%, 38%)`;
}

export const SLO_COLOUR = 'hsl(0, 75%, 45%)';
export const BASELINE_MARKER_COLOUR = '#111111';
export const WARMUP_SHADE = 'rgba(120, 120, 120, 0.16)';

/** Same rank for the same value in every chart: ranks come from the sorted distinct values of the run. */
export function rankOf(value: number, values: number[]): number {
  return distinctSorted(values).indexOf(value);
}
