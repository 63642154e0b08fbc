import { defineConfig } from 'vitest/config';

/** The engine suites that run once per HTTP client (raw by default, then undici): see test/engine/load-options.ts. */
const ENGINE_SUITES = ['closed-model', 'error-kinds', 'open-model', 'phase-ticks', 'tls-and-abort', 'mock-backend'].map((name) => `test/engine/${name}.test.ts`);

// Tests start real servers on loopback; a shared 2-core CI machine needs generous timeouts
// (these are not performance thresholds, only a guard against a hung test).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'engine-undici', include: ENGINE_SUITES, env: { GATEBENCH_TEST_ENGINE_CLIENT: 'undici' } } },
    ],
  },
});
