import type { EngineClient, LoadOptions } from '../../src/engine/index.js';

/**
 * The engine client these tests drive: vitest.config.ts runs the engine suite once per client (projects
 * `default` and `engine-undici`), passing it in GATEBENCH_TEST_ENGINE_CLIENT.
 */
export const TEST_ENGINE_CLIENT: EngineClient = process.env.GATEBENCH_TEST_ENGINE_CLIENT === 'undici' ? 'undici' : 'raw';

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
    client: TEST_ENGINE_CLIENT,
    ...overrides,
  };
}
