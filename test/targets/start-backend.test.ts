import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startMockBackend } from '../../mock-backend/index.js';
import { wso2Payload } from '../../src/payload.js';
import type { TargetSpec } from '../../src/scenario/types.js';
import { startBackend, startTarget } from '../../src/targets/index.js';

const embeddedTarget: TargetSpec = {
  kind: 'embedded',
  workers: 1,
  routes: { echo: '/echo', mediation: '/mediation' },
  headers: {},
  auth: { kind: 'none' },
  tls: { insecure: false },
};

describe('startBackend', () => {
  it('embedded: starts the mock backend in its own process, sets its sleep, and the gateway in front of it waits for it', async () => {
    const backend = await startBackend({ kind: 'embedded', workers: 1 });
    const target = await startTarget(embeddedTarget, backend);
    try {
      const pids = backend.processes().map((p) => p.pid);
      expect(pids).toHaveLength(1);
      expect(pids).not.toContain(process.pid);
      await backend.setSleepMs?.(150);
      const body = wso2Payload(1024);
      const startedMs = performance.now();
      const response = await request(`${target.baseUrl}${target.echoPath}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      const echoed = Buffer.from(await response.body.arrayBuffer());
      expect(performance.now() - startedMs).toBeGreaterThanOrEqual(150);
      expect(response.statusCode).toBe(200);
      expect(echoed.equals(body)).toBe(true);

      await backend.setSleepMs?.(0);
      const mediated = await request(`${target.baseUrl}${target.mediationPath}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      const parsed = JSON.parse(body.toString()) as { payload: string; size: string };
      expect(await mediated.body.text()).toBe(JSON.stringify({ payload: parsed.payload, size: parsed.size }));
    } finally {
      await target.close();
      await backend.close();
    }
  });

  it('external-mock: sets the sleep of a mock backend started elsewhere through its admin URL', async () => {
    const mock = await startMockBackend();
    try {
      const backend = await startBackend({ kind: 'external-mock', url: mock.url, adminUrl: mock.adminUrl });
      expect(backend.processes()).toEqual([]);
      await backend.setSleepMs?.(42);
      expect((await mock.admin.getConfig()).sleepMs).toBe(42);
      await backend.close();
    } finally {
      await mock.close();
    }
  });

  it('external-mock: a dead admin URL fails with GB_TARGET_UNREACHABLE naming it', async () => {
    const backend = await startBackend({ kind: 'external-mock', url: 'http://127.0.0.1:9', adminUrl: 'http://127.0.0.1:9' });
    await expect(backend.setSleepMs?.(1)).rejects.toMatchObject({ code: 'GB_TARGET_UNREACHABLE', message: expect.stringContaining('http://127.0.0.1:9') });
  });

  it('own: no sleep control; without a url it is fine behind an external gateway but not for a gateway gatebench starts', async () => {
    const backend = await startBackend({ kind: 'own', url: 'http://127.0.0.1:8688' });
    expect(backend.setSleepMs).toBeUndefined();
    const unnamed = await startBackend({ kind: 'own' });
    expect(unnamed.url).toBe('');
    await expect(startTarget(embeddedTarget, unnamed)).rejects.toMatchObject({ code: 'GB_CONFIG_INVALID', message: expect.stringContaining('backend.url') });
  });
});
