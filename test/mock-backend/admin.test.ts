import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, startMockBackend, type MockBackend } from '../../mock-backend/index.js';

let backend: MockBackend;

beforeAll(async () => {
  backend = await startMockBackend({ sleepMs: 3, seed: 7 });
});
afterAll(async () => {
  await backend.close();
});

async function admin(method: string, path: string, body?: string): Promise<{ status: number; json: { error?: string; problems?: Array<{ field: string }> } & Record<string, unknown> }> {
  const response = await request(backend.adminUrl + path, { method, body });
  return { status: response.statusCode, json: (await response.body.json()) as never };
}

describe('admin API', () => {
  it('reports the config it started with', async () => {
    const config = await backend.admin.getConfig();
    expect(config).toEqual({ ...DEFAULT_CONFIG, sleepMs: 3, seed: 7 });
  });

  it('applies a partial PUT and returns the whole config', async () => {
    const config = await backend.admin.setConfig({ errorRate: 0.25, distribution: { type: 'uniform', minMs: 1, maxMs: 2 } });
    expect(config.errorRate).toBe(0.25);
    expect(config.sleepMs).toBe(3);
    expect(config.distribution).toEqual({ type: 'uniform', minMs: 1, maxMs: 2 });
    // A fixed sleep alone switches the distribution off again.
    const fixed = await backend.admin.setConfig({ sleepMs: 4 });
    expect(fixed.distribution).toBeNull();
    expect(fixed.errorRate).toBe(0.25);
  });

  it.each([
    ['{"sleepMs":-5}', 'sleepMs'],
    ['{"errorRate":1.5}', 'errorRate'],
    ['{"errorStatus":200}', 'errorStatus'],
    ['{"seed":1.5}', 'seed'],
    ['{"allowSleepHeader":"yes"}', 'allowSleepHeader'],
    ['{"responseSizeBytes":10}', 'responseSizeBytes'],
    ['{"maxBodyBytes":-1}', 'maxBodyBytes'],
    ['{"sleepMS":5}', 'sleepMS'],
    ['{"distribution":{"type":"pareto"}}', 'distribution.type'],
    ['{"distribution":{"type":"uniform","minMs":9,"maxMs":2}}', 'distribution.maxMs'],
    ['{"distribution":{"type":"normal","meanMs":5}}', 'distribution'],
    ['{"distribution":{"type":"lognormal","medianMs":-1,"sigma":0.5}}', 'distribution.medianMs'],
  ])('answers 400 naming the field for %s', async (body, field) => {
    const before = await backend.admin.getConfig();
    const answer = await admin('PUT', '/config', body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toContain(field);
    expect(answer.json.problems?.map((problem) => problem.field)).toContain(field);
    expect(await backend.admin.getConfig()).toEqual(before);
  });

  it('answers 400 to a body that is not JSON, and the client throws with the message', async () => {
    const answer = await admin('PUT', '/config', '{sleepMs: 5');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/not JSON/);
    await expect(backend.admin.setConfig({ errorRate: 7 })).rejects.toThrow(/errorRate/);
  });

  it('answers 404 and 405 with the list of routes', async () => {
    const missing = await admin('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatch(/GET \/config/);
    expect((await admin('DELETE', '/config')).status).toBe(405);
  });

  it('resets the counters', async () => {
    await backend.admin.setConfig({ ...DEFAULT_CONFIG });
    await (await request(backend.url + '/', { method: 'POST', body: 'abc' })).body.text();
    expect((await backend.admin.getStats()).requests).toBe(1);
    // The backend runs in this process: the CPU it reports after the reset is at most what this process spent since.
    const cpuBefore = process.cpuUsage();
    await backend.admin.reset();
    const stats = await backend.admin.getStats();
    const spent = process.cpuUsage(cpuBefore);
    expect(stats.requests).toBe(0);
    expect(stats.bytesIn).toBe(0);
    expect(stats.responsesByStatus).toEqual({});
    expect(stats.cpu.userMs).toBeLessThanOrEqual(spent.user / 1000);
    expect(stats.cpu.systemMs).toBeLessThanOrEqual(spent.system / 1000);
  });
});
