import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/engine/builtin/recorder.js';
import { PhaseTimeline } from '../../src/engine/builtin/timeline-merger.js';
import type { WorkerSlice } from '../../src/engine/builtin/protocol.js';
import { CompactHistogram } from '../../src/metrics/compact-histogram.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';

function totalCount(encoded: number[]): number {
  const histogram = new CompactHistogram();
  histogram.addEncoded(encoded);
  return histogram.totalCount;
}

describe('Recorder', () => {
  it('records each phase into one histogram, hands over dense 100 ms slices once they end, and reports recent latencies', () => {
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
    expect(totalCount(progress.recentLatency)).toBe(2);
    // At 1250 ms, warm-up slices 0..11 have ended; slice 12 (1200-1300) is still open.
    let slices = recorder.takeSlices(1250);
    expect(slices.map((slice) => slice.index)).toEqual([...Array(12).keys()]);
    expect(slices.filter((slice) => slice.requests > 0).map((slice) => [slice.index, slice.requests])).toEqual([[1, 1]]);

    complete(1400, 3000);
    complete(1600, 4000); // window slice 1
    complete(2600, 5000, 503); // window slice 11
    progress = recorder.takeProgress(2700);
    expect(progress.phase).toBe('measure');
    expect(progress.recentRequests).toBe(3);
    expect(progress.requests).toBe(2);
    expect(progress.errors).toBe(1);
    slices = recorder.takeSlices(2650);
    // The rest of the warm-up (slices 12-14), then window slices 0-10 (11, 2600-2700 ms, is still open at 2650 ms).
    expect(slices.filter((slice) => slice.phase === 'warmup').map((slice) => [slice.index, slice.requests])).toEqual([
      [12, 1],
      [13, 0],
      [14, 1],
    ]);
    expect(slices.filter((slice) => slice.phase === 'measure').map((slice) => slice.index)).toEqual([...Array(11).keys()]);

    complete(4600, 7000); // drain: counted as drained only
    expect(recorder.takeProgress(4700).recentRequests).toBe(0);
    slices = recorder.takeSlices(4700, true);
    expect(slices.map((slice) => slice.index)).toEqual([...Array(19).keys()].map((index) => index + 11));
    expect(slices[0]).toMatchObject({ phase: 'measure', index: 11, requests: 1, errors: 1 });
    expect(totalCount(slices[0]!.latency)).toBe(1);

    const warmup = recorder.warmup.toResult();
    expect(warmup.requests).toBe(3);
    expect(decodeHistogram(warmup.latencyUs).totalCount).toBe(3);
    const window = recorder.window.toResult();
    expect(window.requests).toBe(2);
    expect(window.errors).toBe(1);
    expect(window.statusCounts).toEqual({ '2xx': 1, '5xx': 1 });
    expect(window.errorsByKind).toEqual({ http_503: 1 });
    expect(window.bytesSent).toBe(20);
    expect(decodeHistogram(window.latencyUs).mean).toBeCloseTo(4500, -1);
    expect(recorder.drained).toBe(1);
  });

  it('ends the last slices where the run stopped, not at the planned end', () => {
    const recorder = new Recorder(0, 0, 10_000, false);
    recorder.record(250, 1000, 1000, 200, undefined, 1, 1);
    expect(recorder.takeSlices(330, true).map((slice) => slice.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('PhaseTimeline', () => {
  const slice = (index: number, requests: number, latencyUs: number[]): WorkerSlice => {
    const histogram = new CompactHistogram();
    for (const value of latencyUs) histogram.record(value);
    return { phase: 'measure', index, requests, errors: 0, latency: histogram.encode() };
  };

  it('merges two workers exactly into seconds and slices, finalizing a slice once both have sent it', () => {
    const timeline = new PhaseTimeline(2, true);
    // Worker A runs ahead; worker B sends later. Seconds 0 and 1 get requests from both.
    for (let index = 0; index < 20; index++) timeline.add(slice(index, 1, [1000 * (index + 1)]));
    expect(timeline.pendingSlices).toBe(20);
    for (let index = 0; index < 20; index++) timeline.add(slice(index, 2, [500, 500]));
    expect(timeline.pendingSlices).toBe(0);
    const { seconds, slices } = timeline.finish(1.5);
    expect(seconds.map((second) => [second.second, second.requests])).toEqual([
      [0, 30],
      [1, 30],
    ]);
    // Second 0 holds 20 latencies of 0.5 ms and 10 of 1..10 ms: p50 0.5 ms, p99 10 ms (within 0.4 %).
    expect(seconds[0]!.p50Ms).toBeCloseTo(0.5, 2);
    expect(seconds[0]!.p99Ms).toBeCloseTo(10, 1);
    // The last second covered 0.5 s of the 1.5 s phase.
    expect(seconds[1]!.throughputRps).toBe(60);
    expect(slices).toHaveLength(20);
    expect(slices![3]).toMatchObject({ index: 3, requests: 3 });
    expect(slices![3]!.p99Ms).toBeCloseTo(4, 1);
  });

  it('holds only the slices still waiting for a worker, however long the phase runs', () => {
    const timeline = new PhaseTimeline(2, false);
    let maxPending = 0;
    // Ten minutes of slices from two workers, one a second behind the other.
    for (let index = 0; index < 6000; index++) {
      timeline.add(slice(index, 1, [800]));
      if (index >= 10) timeline.add(slice(index - 10, 1, [900]));
      maxPending = Math.max(maxPending, timeline.pendingSlices);
    }
    expect(maxPending).toBeLessThanOrEqual(11);
    for (let index = 5990; index < 6000; index++) timeline.add(slice(index, 1, [900]));
    const { seconds, slices } = timeline.finish(600);
    expect(seconds).toHaveLength(600);
    expect(seconds.every((second) => second.requests === 20)).toBe(true);
    expect(slices).toBeUndefined();
  });
});
