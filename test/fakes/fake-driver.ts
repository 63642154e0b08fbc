import { setTimeout as sleep } from 'node:timers/promises';
import type { Driver, LoadOptions, ProgressTick } from '../../src/engine/types.js';
import type { PointResult } from '../../src/results/types.js';
import { createHistogram, encodeHistogram, recordMicros } from '../../src/metrics/histogram.js';
import { summarizeMs } from '../../src/results/latency-summary.js';

/** What the fake should report for one point; chosen per call from the LoadOptions. */
export interface FakeOutcome {
  latenciesMs: number[];
  errors?: number;
}

/**
 * A Driver that sends nothing: it waits `delayMs` (or until aborted), then returns a well-formed PointResult
 * built from the latencies `outcome` gives — real HDR histograms, so stores and CSVs treat it like any result.
 * Records every LoadOptions it was given, for the runner's tests.
 */
export class FakeDriver implements Driver {
  readonly name = 'fake';
  readonly capabilities = { openModel: true, liveProgress: true };
  readonly calls: LoadOptions[] = [];
  readonly #outcome: (options: LoadOptions) => FakeOutcome;
  readonly #delayMs: number;

  constructor(outcome: (options: LoadOptions) => FakeOutcome = () => ({ latenciesMs: [1, 2, 3, 4, 5] }), delayMs = 20) {
    this.#outcome = outcome;
    this.#delayMs = delayMs;
  }

  async runPoint(options: LoadOptions, signal: AbortSignal, onProgress?: (tick: ProgressTick) => void): Promise<PointResult> {
    this.calls.push(options);
    const startedAt = new Date();
    onProgress?.({ phase: 'measure', elapsedMs: 0, requests: 0, errors: 0, currentRps: 0, currentP99Ms: 0 });
    await sleep(this.#delayMs, undefined, { signal }).catch(() => undefined);
    const outcome = this.#outcome(options);
    const result = fakePointResult(outcome, startedAt, options.model.kind === 'closed' ? options.model.users : 0);
    return signal.aborted ? { ...result, interrupted: true } : result;
  }
}

export function fakePointResult(outcome: FakeOutcome, startedAt = new Date('2026-11-26T12:00:00Z'), users = 1): PointResult {
  const histogram = createHistogram();
  for (const latencyMs of outcome.latenciesMs) recordMicros(histogram, latencyMs * 1000);
  const requests = outcome.latenciesMs.length;
  const errors = outcome.errors ?? 0;
  const durationS = 1;
  const latencyMs = summarizeMs(histogram);
  const throughputRps = (requests - errors) / durationS;
  return {
    schemaVersion: 2,
    driver: { name: 'fake', version: '0' },
    model: 'closed',
    startedAt: startedAt.toISOString(),
    endedAt: new Date(startedAt.getTime() + 1000).toISOString(),
    requests,
    errors,
    errorPct: requests === 0 ? 0 : (errors / requests) * 100,
    throughputRps,
    rates: { attemptsPerSec: requests / durationS, responsesPerSec: requests / durationS, successfulPerSec: throughputRps },
    latencyMs,
    durationS,
    bytesSentPerSec: (requests / durationS) * 1024,
    bytesReceivedPerSec: (requests / durationS) * 2048,
    statusCounts: { '2xx': requests - errors, '5xx': errors },
    errorsByKind: errors === 0 ? {} : { http_503: errors },
    timeline: [],
    warmup: { requests: 0, errors: 0, durationS: 0, throughputRps: 0, timeline: [] },
    histograms: { latencyUs: encodeHistogram(histogram) },
    generator: { workers: 1, cpuPct: 1, eventLoopDelayP99Ms: 1, saturated: false, saturationReasons: [], rssBytesMax: 1 },
    littlesLaw: {
      offeredConcurrency: users,
      impliedConcurrency: (throughputRps * latencyMs.mean) / 1000,
      ratio: 1,
      ok: true,
    },
  };
}
