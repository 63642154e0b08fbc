import { mulberry32, type Random } from '../src/runtime/random.js';
import type { BackendConfig, LatencyDistribution } from './config.js';

/**
 * Seeded sleeps and fault draws. Each worker owns two PRNG streams derived from (seed, workerId): one for the
 * latency samples and one for the fault draws, so changing a fault rate never shifts the latency sequence.
 */

/** Uniform and normal draws from runtime's mulberry32 (plenty for latency jitter; not for cryptography). */
export class Prng {
  private readonly uniform: Random;

  constructor(seed: number) {
    this.uniform = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uniform();
  }

  /** Standard normal by Box-Muller (one value per call; simplicity over the spare value). */
  nextNormal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) never happens
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

/** Mixes the worker id into the seed (splitmix-style) so workers draw different but reproducible streams. */
export function streamSeed(seed: number, workerId: number, stream: number): number {
  let z = (seed ^ Math.imul(workerId + 1, 0x9e3779b9) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d);
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b);
  return (z ^ (z >>> 16)) >>> 0;
}

/** One sample in milliseconds, never negative. */
export function sampleMs(distribution: LatencyDistribution, prng: Prng): number {
  let value: number;
  switch (distribution.type) {
    case 'fixed':
      value = distribution.ms;
      break;
    case 'uniform':
      value = distribution.minMs + (distribution.maxMs - distribution.minMs) * prng.next();
      break;
    case 'normal':
      value = distribution.meanMs + distribution.stdevMs * prng.nextNormal();
      break;
    case 'exponential':
      value = -distribution.meanMs * Math.log(1 - prng.next());
      break;
    case 'lognormal': {
      const mu = 'mu' in distribution ? distribution.mu : Math.log(distribution.medianMs);
      value = Math.exp(mu + distribution.sigma * prng.nextNormal());
      break;
    }
  }
  return value > 0 ? value : 0;
}

/** What happens to one request, decided when its body is complete. */
export const Fate = { Respond: 0, Error: 1, Drop: 2 } as const;
export type Fate = (typeof Fate)[keyof typeof Fate];

/** Per-worker sampler over the current config; rebuilt (reseeded) whenever the config changes. */
export class RequestPlanner {
  readonly config: BackendConfig;
  private readonly latency: Prng;
  private readonly faults: Prng;
  /** Stall decision of the last `sleepFor` call, read right after it (avoids an object per request). */
  stalled = false;

  constructor(config: BackendConfig, workerId: number) {
    this.config = config;
    this.latency = new Prng(streamSeed(config.seed, workerId, 0));
    this.faults = new Prng(streamSeed(config.seed, workerId, 1));
  }

  /** Sleep for the next request: the header override (already validated) or the configured sleep, plus a stall. */
  sleepFor(headerSleepMs: number): number {
    const { config } = this;
    let sleep = headerSleepMs >= 0 ? headerSleepMs : config.distribution === null ? config.sleepMs : sampleMs(config.distribution, this.latency);
    this.stalled = config.stallRate > 0 && this.faults.next() < config.stallRate;
    if (this.stalled) sleep += config.stallMs;
    return sleep;
  }

  fate(): Fate {
    const { config } = this;
    if (config.dropRate > 0 && this.faults.next() < config.dropRate) return Fate.Drop;
    if (config.errorRate > 0 && this.faults.next() < config.errorRate) return Fate.Error;
    return Fate.Respond;
  }
}
