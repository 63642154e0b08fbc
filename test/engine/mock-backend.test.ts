import { describe, expect, it } from 'vitest';
import { startMockBackend } from '../../mock-backend/index.js';
import { runLoad } from '../../src/engine/index.js';
import { wso2Payload } from '../../src/payload.js';
import { testLoadOptions } from './load-options.js';

/** The engine against gatebench's own mock backend, the pair every sweep uses. */
describe('load engine against the mock backend', () => {
  it('completes exactly what the backend served, each taking at least its sleep, with echoed bodies intact', async () => {
    const backend = await startMockBackend({ port: 0, sleepMs: 50, workers: 1 });
    try {
      const body = wso2Payload(1024);
      const result = await runLoad(
        testLoadOptions(`${backend.url}/echo`, {
          request: { url: `${backend.url}/echo`, method: 'POST', headers: { 'content-type': 'application/json' }, body },
          model: { kind: 'closed', users: 10, rampUpMs: 0, thinkTimeMs: 0 },
          warmupMs: 300,
          durationMs: 1000,
          workers: 2,
          checks: { echo: true },
        }),
      );
      const stats = await backend.admin.getStats();
      expect(result.errors).toBe(0);
      expect(result.warmup.requests + result.requests + (result.drain?.completed ?? 0)).toBe(stats.requests);
      expect(stats.bytesIn).toBe(stats.requests * 1024);
      expect(result.latencyMs.min).toBeGreaterThanOrEqual(50);
    } finally {
      await backend.close();
    }
  });
});
