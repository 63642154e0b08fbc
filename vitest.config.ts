import { defineConfig } from 'vitest/config';

// Tests start real servers on loopback; a shared 2-core CI machine needs generous timeouts
// (these are not performance thresholds, only a guard against a hung test).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
