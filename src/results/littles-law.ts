import type { LittlesLawCheck } from './types.js';

/** Little's law holds when implied and offered concurrency agree within this fraction. */
export const LITTLES_LAW_TOLERANCE = 0.1;

/**
 * The one Little's-law check (L = λW) every PointResult carries: the concurrency implied by throughput x the
 * time a request spends in the system, against the concurrency that was offered. No offered concurrency
 * (nothing ran) never passes. What "offered" and "residence" mean per model is the builder's caller's to say
 * (see `PointFigures.littlesLaw` in ./build-point-result.ts).
 */
export function littlesLaw(input: { offeredConcurrency: number; throughputRps: number; residenceMs: number }): LittlesLawCheck {
  const { offeredConcurrency } = input;
  const impliedConcurrency = (input.throughputRps * input.residenceMs) / 1000;
  const ratio = offeredConcurrency > 0 ? impliedConcurrency / offeredConcurrency : 0;
  return { offeredConcurrency, impliedConcurrency, ratio, ok: offeredConcurrency > 0 && Math.abs(ratio - 1) <= LITTLES_LAW_TOLERANCE };
}
