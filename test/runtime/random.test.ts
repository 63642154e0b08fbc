import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/runtime/random.js';

describe('mulberry32', () => {
  it('gives the reference mulberry32 sequence for a seed', () => {
    // Reference values of the published mulberry32 for seed 1 (first draw 0.6270739405881613).
    const random = mulberry32(1);
    expect(random()).toBe(0.6270739405881613);
    expect(random()).toBe(0.002735721180215478);
    expect(random()).toBe(0.5274470399599522);
  });

  it('repeats the same sequence for the same seed and stays in [0, 1)', () => {
    const a = mulberry32(20261126);
    const b = mulberry32(20261126);
    for (let i = 0; i < 1000; i++) {
      const value = a();
      expect(value).toBe(b());
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
