import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/engine/index.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { testLoadOptions } from './load-options.js';
import { startTestServer, type TestServer } from './servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that answers at once, except that it stalls every response for `stallMs` once, from arrival `stallAt`. */
async function stallingServer(stallAt: number, stallMs: number): Promise<TestServer> {
  let stalledUntil = 0;
  return startTestServer((_request, response, index) => {
    if (index === stallAt) stalledUntil = Date.now() + stallMs;
    const waitMs = stalledUntil - Date.now();
    if (waitMs > 0) setTimeout(() => response.end('late'), waitMs);
    else response.end('ok');
  });
}

describe('open model against a real local server', () => {
  it('sends on schedule: every send is counted as sent, late or dropped', async () => {
    server = await startTestServer((_request, response) => response.end('ok'));
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'open', rateRps: 200, maxInFlight: 50 }, warmupMs: 250, durationMs: 1500, workers: 2 }));
    expect(result.open?.targetRps).toBeCloseTo(200, 0);
    // The schedule holds 300 sends in the window (± one at each edge per worker).
    expect(result.open!.sent + result.open!.droppedSends).toBeGreaterThanOrEqual(296);
    expect(result.open!.sent + result.open!.droppedSends).toBeLessThanOrEqual(304);
    expect(result.open!.droppedSends).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.warmup.requests + result.requests + (result.drain?.completed ?? 0)).toBe(server.responses);
    expect(decodeHistogram(result.histograms.serviceTimeUs!).totalCount).toBe(result.requests);
  });

  it('shows a 1 s server stall in the corrected p99 but not in the service-time p99', async () => {
    // Two connections at 100 req/s: while the server stalls, later sends wait for a connection. Their wait counts
    // from the intended send time (corrected latency) but not from the actual send (service time).
    server = await stallingServer(60, 1000);
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'open', rateRps: 100, maxInFlight: 2 }, durationMs: 4000 }));
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(800);
    expect(result.latencyMs.max).toBeGreaterThanOrEqual(900);
    // Only the two requests held by the stall (under 1 % of ~400) have a long service time.
    expect(result.serviceTimeMs!.p99).toBeLessThan(500);
    expect(result.serviceTimeMs!.max).toBeGreaterThanOrEqual(800);
    expect(result.open!.lateSends).toBeGreaterThanOrEqual(50);
    expect(result.open!.droppedSends).toBe(0);
  });

  it('drops and counts sends that wait at the in-flight cap for longer than the timeout', async () => {
    server = await stallingServer(20, 2000);
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'open', rateRps: 100, maxInFlight: 1 }, durationMs: 3000, timeoutMs: 600 }));
    const open = result.open!;
    // About 200 sends fall due during the 2 s stall with the one connection busy; those waiting over 600 ms are dropped.
    expect(open.droppedSends).toBeGreaterThanOrEqual(20);
    expect(result.errorsByKind.timeout).toBeGreaterThanOrEqual(1);
    expect(open.sent + open.droppedSends).toBeGreaterThanOrEqual(296);
    expect(open.sent + open.droppedSends).toBeLessThanOrEqual(302);
    expect(result.generator.saturationReasons.some((reason) => reason.includes('dropped'))).toBe(true);
    expect(result.generator.saturated).toBe(true);
  });

  it('follows a ramping rate (stages) in the number of sends', async () => {
    server = await startTestServer((_request, response) => response.end('ok'));
    // 0 -> 200 req/s over 1 s, then 200 req/s for 0.5 s: 100 + 100 = 200 sends.
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'open', rateRps: 0, stages: [{ durationMs: 1000, targetRps: 200 }], maxInFlight: 50 }, durationMs: 1500 }));
    expect(result.open!.sent + result.open!.droppedSends).toBeGreaterThanOrEqual(198);
    expect(result.open!.sent + result.open!.droppedSends).toBeLessThanOrEqual(202);
  });
});
