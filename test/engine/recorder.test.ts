import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/engine/builtin/recorder.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';

// Each latency is recorded once (into its timeline second); the phase histogram and the progress
// "recent" histogram are derived from those seconds and must hold exactly the same counts as before.
describe('Recorder', () => {
  it('derives phase, timeline and recent latencies exactly from one recording per request', () => {
    // Warm-up [0, 1500), window [1500, 4500), drain after.
    const recorder = new Recorder(0, 1500, 4500, false);
    const complete = (atMs: number, latencyUs: number, status = 200): void => {
      recorder.changeInFlight(atMs, 1);
      recorder.record(atMs, latencyUs, latencyUs, status, status === 200 ? undefined : `http_${status}`, 10, 20);
    };
    complete(100, 1000);
    complete(1200, 2000);
    let progress = recorder.takeProgress(1300);
    expect(progress.phase).toBe('warmup');
    expect(progress.recentRequests).toBe(2);
    expect(decodeHistogram(progress.recentLatencyUs).totalCount).toBe(2);

    complete(1400, 3000); // same warm-up second as the mark: only this one is recent
    complete(1600, 4000); // window second 0
    complete(2600, 5000, 503); // window second 1
    progress = recorder.takeProgress(2700);
    expect(progress.phase).toBe('measure');
    const recent = decodeHistogram(progress.recentLatencyUs);
    expect(recent.totalCount).toBe(3);
    expect(recent.getValueAtPercentile(0)).toBeGreaterThanOrEqual(2990);
    expect(recent.maxValue).toBeGreaterThanOrEqual(4990);
    expect(progress.requests).toBe(2);
    expect(progress.errors).toBe(1);

    complete(2650, 6000); // before the mark's time but in the mark's second: still counted once
    complete(4600, 7000); // drain: counted as drained only
    progress = recorder.takeProgress(4700);
    expect(progress.phase).toBe('drain');
    expect(progress.recentRequests).toBe(1);
    expect(decodeHistogram(progress.recentLatencyUs).totalCount).toBe(1);
    expect(decodeHistogram(recorder.takeProgress(4800).recentLatencyUs).totalCount).toBe(0);

    const warmup = recorder.warmup.toResult();
    expect(warmup.requests).toBe(3);
    expect(decodeHistogram(warmup.latencyUs).totalCount).toBe(3);
    expect(warmup.timeline.map((second) => [second.second, second.requests])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    const window = recorder.window.toResult();
    expect(window.requests).toBe(3);
    expect(window.errors).toBe(1);
    expect(window.statusCounts).toEqual({ '2xx': 2, '5xx': 1 });
    expect(window.errorsByKind).toEqual({ http_503: 1 });
    expect(window.bytesSent).toBe(30);
    const merged = decodeHistogram(window.latencyUs);
    expect(merged.totalCount).toBe(3);
    expect(merged.mean).toBeCloseTo(5000, -1);
    expect(window.timeline.map((second) => [second.second, second.requests, second.errors, decodeHistogram(second.latencyUs).totalCount])).toEqual([
      [0, 1, 0, 1],
      [1, 2, 1, 2],
    ]);
    expect(recorder.drained).toBe(1);
  });
});
