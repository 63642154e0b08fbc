/**
 * The USL's reduced models, for the active-set refit: when the bounded optimum lies on κ = 0 or σ = 0,
 * Levenberg–Marquardt with clamped parameters tends to stall against the bound short of the optimum
 * (σ 2.4 % and λ 1.3 % off on one measured series). On the bound the model has one free shape parameter p,
 * and for fixed (σ, κ) λ is linear, so the least-squares λ and SSE have a closed form (variable projection):
 *   g_i = N_i / (1 + σ(N_i − 1) + κN_i(N_i − 1)),  λ = Σ X_i g_i / Σ g_i²,  SSE = Σ X_i² − (Σ X_i g_i)² / Σ g_i².
 * p is found by a log grid, then golden-section search inside the best grid cell.
 */
import type { UslParameters } from './types.js';

interface Sample {
  concurrency: number;
  throughputRps: number;
}

export type UslBound = 'kappa' | 'sigma' | 'both';

/** λ and SSE of the best fit for fixed σ and κ; λ is null when no sample has a positive model shape. */
export function uslProjected(samples: readonly Sample[], sigma: number, kappa: number): { lambda: number; sse: number } | null {
  let xg = 0;
  let gg = 0;
  let xx = 0;
  for (const { concurrency: n, throughputRps: x } of samples) {
    const g = n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    xg += x * g;
    gg += g * g;
    xx += x * x;
  }
  if (!(gg > 0) || !(xg > 0)) return null;
  return { lambda: xg / gg, sse: Math.max(0, xx - (xg * xg) / gg) };
}

const GRID_DECADES = { from: -7, to: 4, perDecade: 8 };
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Least-squares fit of the USL with the named parameter(s) held at 0, or null when nothing can be fitted.
 * `scaleN` (the largest N) puts p on a scale where the grid's range fits any data: σ·N and κ·N² from 1e-7 to 1e4.
 */
export function fitUslOnBound(samples: readonly Sample[], bound: UslBound, scaleN: number): UslParameters | null {
  const paramsAt = (p: number): UslParameters =>
    bound === 'both' ? { sigma: 0, kappa: 0, lambda: 0 } : bound === 'kappa' ? { sigma: p / scaleN, kappa: 0, lambda: 0 } : { sigma: 0, kappa: p / (scaleN * scaleN), lambda: 0 };
  const sseAt = (p: number): number => {
    const { sigma, kappa } = paramsAt(p);
    return uslProjected(samples, sigma, kappa)?.sse ?? Infinity;
  };
  let best = 0;
  if (bound !== 'both') {
    const grid = [0];
    for (let k = GRID_DECADES.from * GRID_DECADES.perDecade; k <= GRID_DECADES.to * GRID_DECADES.perDecade; k++) grid.push(10 ** (k / GRID_DECADES.perDecade));
    const errors = grid.map(sseAt);
    let index = 0;
    for (let i = 1; i < grid.length; i++) if (errors[i]! < errors[index]!) index = i;
    best = goldenSection(sseAt, grid[Math.max(0, index - 1)]!, grid[Math.min(grid.length - 1, index + 1)]!);
    if (sseAt(grid[index]!) < sseAt(best)) best = grid[index]!;
  }
  const shape = paramsAt(best);
  const projected = uslProjected(samples, shape.sigma, shape.kappa);
  return projected === null ? null : { ...shape, lambda: projected.lambda };
}

/** Minimum of a unimodal function on [low, high], to the limit of double precision. */
function goldenSection(f: (p: number) => number, low: number, high: number): number {
  let a = low;
  let b = high;
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 200 && b - a > 1e-15 * (Math.abs(a) + Math.abs(b)); i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLDEN * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLDEN * (b - a);
      fd = f(d);
    }
  }
  const middle = (a + b) / 2;
  return [a, b, middle].reduce((best, p) => (f(p) < f(best) ? p : best), middle);
}
