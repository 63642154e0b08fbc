/** Random numbers for the bootstraps and the synthetic test data. */
import { mulberry32, type Random } from '../runtime/random.js';

export type { Random };

/** Seeded PRNG (runtime's mulberry32, as the plan uses) so every bootstrap is reproducible from its seed. */
export function seededRandom(seed: number): Random {
  return mulberry32(seed);
}

/** A uniform integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/** Standard normal deviate (Box-Muller), for test data generators and noise. */
export function randomNormal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
