import { describe, expect, it } from 'vitest';
import { mediationShareMix } from '../../../src/analysis/capacity/mediation-mix.js';

describe('mediationShareMix (plan --mediation)', () => {
  const shape = { messageSizeBytes: 10_240, backendSleepMs: 30 };

  it('splits one size and sleep between echo and mediation by the share', () => {
    expect(mediationShareMix(shape, 20)).toEqual([
      { name: 'echo', api: 'echo', ...shape, weight: 80 },
      { name: 'mediation', api: 'mediation', ...shape, weight: 20 },
    ]);
  });

  it('leaves out an API with no share, and refuses a share outside 0-100 %', () => {
    expect(mediationShareMix(shape, 0).map((entry) => entry.api)).toEqual(['echo']);
    expect(mediationShareMix(shape, 100).map((entry) => entry.api)).toEqual(['mediation']);
    expect(() => mediationShareMix(shape, 120)).toThrow('--mediation 120 %: use 0 % to 100 %');
  });
});
