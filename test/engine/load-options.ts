import type { LoadOptions } from '../../src/engine/index.js';

/** Short, bounded LoadOptions for tests: 1 s window, no warm-up, 2 s drain, a request cap as a safety net. */
export function testLoadOptions(url: string, overrides: Partial<LoadOptions> = {}): LoadOptions {
  return {
    request: { url, method: 'GET', headers: {} },
    model: { kind: 'closed', users: 4, rampUpMs: 0, thinkTimeMs: 0 },
    warmupMs: 0,
    durationMs: 1000,
    drainTimeoutMs: 2000,
    timeoutMs: 5000,
    workers: 1,
    checks: {},
    maxRequests: 200_000,
    ...overrides,
  };
}
