import { mulberry32 } from '../runtime/random.js';

// Re-exported: the fixture generators under test/fixtures import it from here.
export { mulberry32 };

/** Fisher–Yates with a seeded PRNG; returns a new array and leaves the input alone. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}
