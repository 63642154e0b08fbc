import { GatebenchError } from '../../errors.js';
import type { MixEntry } from './types.js';

/**
 * The traffic mix of one message size and backend sleep with a share of requests through mediation: `plan
 * --mediation 20%` is 80 % echo and 20 % mediation. An API with no share is left out of the mix.
 */
export function mediationShareMix(shape: { messageSizeBytes: number; backendSleepMs: number }, mediationPct: number): MixEntry[] {
  if (!(mediationPct >= 0 && mediationPct <= 100)) throw new GatebenchError('GB_INPUT_INVALID', `--mediation ${mediationPct} %: use 0 % to 100 %`);
  return [
    { name: 'echo', api: 'echo' as const, ...shape, weight: 100 - mediationPct },
    { name: 'mediation', api: 'mediation' as const, ...shape, weight: mediationPct },
  ].filter((entry) => entry.weight > 0);
}
