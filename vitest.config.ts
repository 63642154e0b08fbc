import { defineConfig } from 'vitest/config';

/** The engine suites that run once per HTTP client (raw by default, then undici): see test/engine/load-options.ts. */
const ENGINE_SUITES = ['closed-model', 'error-kinds', 'open-model', 'phase-ticks', 'tls-and-abort', 'mock-backend'].map((name) => `test/engine/${name}.test.ts`);

/**
 * Suites whose checks depend on timing (Little's law within 10 %, the generator's own saturation verdict, the
 * backend's sleep scheduler): they run last, one file at a time, when nothing else competes for the CPU. They
 * assert behaviour, never speed; running alone only keeps a busy host from bending it. The open model's suite
 * stays in parallel: its checks count sends against the schedule, which a busy host delays but does not change.
 */
const TIMING_SUITES = ['test/engine/generator-health.test.ts', 'test/mock-backend/sleep-scheduler.test.ts'];

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
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'], exclude: TIMING_SUITES, sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: { name: 'engine-undici', include: ENGINE_SUITES, exclude: TIMING_SUITES, env: { GATEBENCH_TEST_ENGINE_CLIENT: 'undici' }, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'timing', include: TIMING_SUITES, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
