import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { UndiciSlot, undiciOptions } from '../../src/engine/builtin/undici-slot.js';
import { buildSharedRequest, type RequestSlot } from '../../src/engine/builtin/slot.js';
import { startTestServer } from './servers.js';

const undiciVersion = (createRequire(import.meta.url)('undici/package.json') as { version: string }).version;

describe("undici's legacy handler callbacks (src/engine/builtin/undici-slot.ts)", () => {
  it('runs on undici 7, the major whose callbacks undici-slot.ts implements', () => {
    const major = Number(undiciVersion.split('.')[0]);
    // An undici upgrade lands here first: review undici-slot.ts's handler against the new major, then update this.
    expect(major, `undici ${undiciVersion}: undici-slot.ts implements undici 7's legacy dispatch handler; review it before upgrading`).toBe(7);
  });

  it('gets the status and every body byte of a real response through those callbacks', async () => {
    const server = await startTestServer((_request, response) => response.end('x'.repeat(5000)));
    try {
      const shared = buildSharedRequest({
        workerIndex: 0,
        url: server.url,
        method: 'GET',
        headers: {},
        model: { kind: 'closed', users: 1, firstUserIndex: 0, totalUsers: 1, rampUpMs: 0, thinkTimeMs: 0 },
        startAtEpochMs: 0,
        warmupMs: 0,
        durationMs: 1000,
        drainTimeoutMs: 1000,
        timeoutMs: 5000,
        checks: { statusClass: 2, responseBytes: 5000 },
        client: 'undici',
        progress: false,
      });
      const options = undiciOptions(shared);
      let done: UndiciSlot | undefined;
      const outcome = await new Promise<{ status: number; errorKind: string | undefined; bytes: number }>((resolve) => {
        const slot = new UndiciSlot(shared, options.dispatch, options.client, (finished: RequestSlot, _nowMs, status, errorKind) =>
          resolve({ status, errorKind, bytes: finished.bytesReceived }),
        );
        slot.send(0, 0);
        done = slot;
      });
      done?.close();
      expect(outcome.errorKind).toBeUndefined();
      expect(outcome.status).toBe(200);
      expect(outcome.bytes).toBeGreaterThanOrEqual(5000);
    } finally {
      await server.close();
    }
  });
});
