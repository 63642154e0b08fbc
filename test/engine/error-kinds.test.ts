import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/engine/index.js';
import { testLoadOptions } from './load-options.js';
import { closedPort, startTestServer, type TestServer } from './servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every failure is data in errorsByKind; the engine never throws for a failed request. */
describe('error kinds', () => {
  it('classifies a closed port as refused', async () => {
    const port = await closedPort();
    const result = await runLoad(testLoadOptions(`http://127.0.0.1:${port}/`, { maxRequests: 50, durationMs: 2000 }));
    expect(result.requests).toBe(50);
    expect(result.errorsByKind).toEqual({ refused: 50 });
    expect(result.errorPct).toBe(100);
    // Nothing was written to a socket that never connected.
    expect(result.bytesSentPerSec).toBe(0);
  });

  it('classifies 500 responses as http_500 and keeps their latency', async () => {
    server = await startTestServer((_request, response) => {
      response.statusCode = 500;
      response.end('boom');
    });
    const result = await runLoad(testLoadOptions(server.url, { maxRequests: 40 }));
    expect(result.errorsByKind).toEqual({ http_500: 40 });
    expect(result.statusCounts).toEqual({ '5xx': 40 });
    expect(result.latencyMs.max).toBeGreaterThan(0);
  });

  it('classifies a connection the server resets as reset, and one it closes as closed', async () => {
    server = await startTestServer((request, response, index) => {
      if (index % 2 === 0) request.socket.resetAndDestroy();
      else request.socket.end();
      void response;
    });
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'closed', users: 1, rampUpMs: 0, thinkTimeMs: 0 }, maxRequests: 20 }));
    expect(result.requests).toBe(20);
    expect(result.errors).toBe(20);
    expect(Object.keys(result.errorsByKind).sort()).toEqual(['closed', 'reset']);
    expect(result.errorsByKind.reset! + result.errorsByKind.closed!).toBe(20);
  });

  // undici checks header/body timeouts on a coarse (~1 s) timer, so a 300 ms timeout fires within about 1 s.
  it('classifies a response slower than timeoutMs as timeout', async () => {
    server = await startTestServer(() => {
      // Never answers.
    });
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'closed', users: 2, rampUpMs: 0, thinkTimeMs: 0 }, timeoutMs: 300, durationMs: 2500, maxRequests: 4 }));
    expect(result.errorsByKind).toEqual({ timeout: result.requests });
    expect(result.requests).toBeGreaterThanOrEqual(2);
  });

  it('counts a wrong response size as check_failed and a wrong status class as http_<code>', async () => {
    server = await startTestServer((_request, response, index) => {
      if (index % 2 === 0) response.end('12345');
      else {
        response.statusCode = 302;
        response.end('12');
      }
    });
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'closed', users: 1, rampUpMs: 0, thinkTimeMs: 0 }, maxRequests: 10, checks: { responseBytes: 2 } }));
    expect(result.errorsByKind).toEqual({ check_failed: 5, http_302: 5 });
  });
});
