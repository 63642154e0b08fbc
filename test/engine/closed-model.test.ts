import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/engine/index.js';
import { decodeHistogram } from '../../src/metrics/histogram.js';
import { wso2Payload } from '../../src/payload.js';
import { testLoadOptions } from './load-options.js';
import { startTestServer, type TestServer } from './servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('closed model against a real local server', () => {
  it('accounts for every response the server sent: warm-up + window + drain', async () => {
    server = await startTestServer((_request, response) => response.end('ok'));
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'closed', users: 6, rampUpMs: 0, thinkTimeMs: 0 }, warmupMs: 500, durationMs: 1000, workers: 2 }));
    expect(result.errors).toBe(0);
    expect(result.warmup.requests).toBeGreaterThan(0);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.drain?.abandoned).toBe(0);
    // Requests whose response completed after the window are in drain.completed, counted nowhere else.
    expect(result.warmup.requests + result.requests + (result.drain?.completed ?? 0)).toBe(server.responses);
    // At most one request per user is in flight when the window closes.
    expect(result.drain?.completed).toBeLessThanOrEqual(6);
    expect(decodeHistogram(result.histograms.latencyUs).totalCount).toBe(result.requests);
    expect(decodeHistogram(result.histograms.warmupLatencyUs!).totalCount).toBe(result.warmup.requests);
    expect(result.timeline.reduce((sum, second) => sum + second.requests, 0)).toBe(result.requests);
    expect(result.statusCounts['2xx']).toBe(result.requests);
    expect(result.generator.workers).toBe(2);
    expect(result.durationS).toBeCloseTo(1, 5);
  });

  it('keeps warm-up requests out of the measured figures', async () => {
    // The first request of each user takes 600 ms and completes inside the 1 s warm-up, with a 5-byte body
    // that fails the 4-byte size check; every later response is fast and passes it.
    server = await startTestServer((_request, response, index) => {
      if (index < 2) setTimeout(() => response.end('slow!'), 600);
      else response.end('fast');
    });
    const result = await runLoad(
      testLoadOptions(server.url, { model: { kind: 'closed', users: 2, rampUpMs: 0, thinkTimeMs: 0 }, warmupMs: 1000, durationMs: 1000, checks: { responseBytes: 4 } }),
    );
    expect(result.warmup.errors).toBe(2);
    expect(result.errors).toBe(0);
    expect(result.errorsByKind).toEqual({});
    const warmup = decodeHistogram(result.histograms.warmupLatencyUs!);
    expect(warmup.maxValue).toBeGreaterThanOrEqual(600_000);
    expect(warmup.totalCount).toBe(result.warmup.requests);
    expect(decodeHistogram(result.histograms.latencyUs).totalCount).toBe(result.requests);
  });

  it('stops at maxRequests, exactly, and sends each body byte for byte', async () => {
    const body = wso2Payload(1024);
    server = await startTestServer((_request, response, _index, received) => response.end(received));
    const result = await runLoad(
      testLoadOptions(server.url, {
        request: { url: server.url, method: 'POST', headers: { 'content-type': 'application/json' }, body },
        durationMs: 3000,
        maxRequests: 37,
        checks: { echo: true },
      }),
    );
    expect(server.responses).toBe(37);
    expect(result.requests).toBe(37);
    expect(result.errors).toBe(0);
    expect(server.bodyLengths).toEqual(Array.from({ length: 37 }, () => 1024));
    // The window ends with the last response, not at the planned 3 s.
    expect(result.durationS).toBeLessThan(3);
  });

  it('counts a wrong echo as check_failed', async () => {
    server = await startTestServer((_request, response, _index, received) => response.end(received.subarray(1)));
    const result = await runLoad(
      testLoadOptions(server.url, { request: { url: server.url, method: 'POST', headers: {}, body: wso2Payload(100) }, maxRequests: 10, checks: { echo: true } }),
    );
    expect(result.errorsByKind).toEqual({ check_failed: 10 });
    expect(result.errors).toBe(10);
  });

  it('waits the think time between requests of each user', async () => {
    server = await startTestServer((_request, response) => response.end('ok'));
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'closed', users: 2, rampUpMs: 0, thinkTimeMs: 200 } }));
    // Each user sends at most once per 200 ms: at most 6 sends each in 1 s (one may start at 0).
    expect(server.responses).toBeLessThanOrEqual(12);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.littlesLaw.offeredConcurrency).toBe(2);
  });
});
