import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, startMockBackend, type MockBackend } from '../../mock-backend/index.js';
import { wso2Payload } from '../../src/payload.js';

let backend: MockBackend;
const agent = new Agent({ connections: 4 });

beforeAll(async () => {
  backend = await startMockBackend();
});
afterAll(async () => {
  await agent.close();
  await backend.close();
});
beforeEach(async () => {
  await backend.admin.setConfig({ ...DEFAULT_CONFIG });
  await backend.admin.reset();
});

function bodyOf(bytes: number): Buffer {
  // Every byte value, so a text-only echo would fail.
  return Buffer.from(Array.from({ length: bytes }, (_, index) => (index * 7 + 3) % 256));
}

async function post(path: string, body: Buffer, contentType: string): Promise<{ status: number; contentType: unknown; body: Buffer; worker: unknown; length: unknown }> {
  const response = await request(backend.url + path, { method: 'POST', body, headers: { 'content-type': contentType }, dispatcher: agent });
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    length: response.headers['content-length'],
    worker: response.headers['x-gatebench-worker'],
    body: Buffer.from(await response.body.arrayBuffer()),
  };
}

describe('echo', () => {
  it.each([0, 50, 1024, 10 * 1024, 100 * 1024])('returns a %i-byte body byte for byte with its content type', async (bytes) => {
    const body = bodyOf(bytes);
    const answer = await post('/any/path?x=1', body, 'application/x-test; charset=binary');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/x-test; charset=binary');
    expect(answer.length).toBe(String(bytes));
    expect(answer.worker).toBe('1');
    expect(answer.body.equals(body)).toBe(true);
  });

  it('echoes a chunked (no Content-Length) body too', async () => {
    const body = bodyOf(30_000);
    async function* parts(): AsyncGenerator<Buffer> {
      for (let offset = 0; offset < body.length; offset += 7000) yield body.subarray(offset, offset + 7000);
    }
    const response = await request(backend.url + '/chunked', { method: 'PUT', body: Readable.from(parts()), headers: { 'content-type': 'text/plain' }, dispatcher: agent });
    expect(response.statusCode).toBe(200);
    expect(Buffer.from(await response.body.arrayBuffer()).equals(body)).toBe(true);
  });

  it('answers GET with the WSO2 payload of the configured size or ?size=', async () => {
    const plain = await request(backend.url + '/', { dispatcher: agent });
    const plainBody = Buffer.from(await plain.body.arrayBuffer());
    expect(plain.headers['content-type']).toBe('application/json');
    expect(plainBody.equals(wso2Payload(1024))).toBe(true);
    for (const size of [50, 10 * 1024, 100 * 1024]) {
      const sized = await request(`${backend.url}/anything?size=${size}`, { dispatcher: agent });
      const text = await sized.body.text();
      expect(Buffer.byteLength(text)).toBe(size);
      expect((JSON.parse(text) as { size: string }).size).toBe(size === 50 ? '50B' : `${size / 1024}K`);
    }
    await backend.admin.setConfig({ responseSizeBytes: 2048 });
    const configured = await request(backend.url + '/', { dispatcher: agent });
    expect(Buffer.byteLength(await configured.body.text())).toBe(2048);
  });

  it('refuses a GET size that cannot hold the payload shape with 400', async () => {
    for (const size of ['3', 'abc', '']) {
      const response = await request(`${backend.url}/?size=${size}`, { dispatcher: agent });
      expect(response.statusCode).toBe(400);
      expect(await response.body.text()).toMatch(/size/);
    }
  });

  it('makes every response take at least its sleep', async () => {
    await backend.admin.setConfig({ sleepMs: 40 });
    const elapsed = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const started = performance.now();
        const answer = await post('/slow', bodyOf(100 + index), 'text/plain');
        expect(answer.status).toBe(200);
        return performance.now() - started;
      }),
    );
    for (const ms of elapsed) expect(ms).toBeGreaterThanOrEqual(40);
    const stats = await backend.admin.getStats();
    expect(stats.sleepOvershootMs.count).toBe(12);
    // The backend times the sleep inside the span the client times, so no overshoot it records can exceed the
    // client's largest elapsed time minus the sleep (plus the HDR bucket's width).
    const largestClientOvershootMs = Math.max(...elapsed) - 40;
    expect(stats.sleepOvershootMs.max).toBeLessThanOrEqual(largestClientOvershootMs * (1 + 1 / 1024) + 0.002);
    expect(stats.sleepOvershootMs.p50).toBeLessThanOrEqual(stats.sleepOvershootMs.max);
  });

  it('counts exactly what was sent and answered', async () => {
    for (let index = 0; index < 20; index++) await post('/count', bodyOf(1024), 'application/json');
    for (let index = 0; index < 5; index++) await (await request(backend.url + '/', { dispatcher: agent })).body.text();
    const stats = await backend.admin.getStats();
    expect(stats.requests).toBe(25);
    expect(stats.bytesIn).toBe(20 * 1024);
    expect(stats.bytesOut).toBe(25 * 1024);
    expect(stats.responsesByStatus).toEqual({ '200': 25 });
    expect(stats.clientAborts).toBe(0);
    expect(stats.inFlight).toBe(0);
    expect(stats.workers).toBe(1);
    expect(stats.perWorker[0]?.pid).toBe(process.pid);
  });

  it('honours x-gatebench-sleep-ms only when allowSleepHeader is on', async () => {
    const headers = { 'x-gatebench-sleep-ms': '30' };
    await (await request(backend.url + '/', { headers, dispatcher: agent })).body.text();
    expect((await backend.admin.getStats()).sleepOvershootMs.count).toBe(0);

    await backend.admin.setConfig({ allowSleepHeader: true });
    const started = performance.now();
    await (await request(backend.url + '/', { headers, dispatcher: agent })).body.text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(30);
    expect((await backend.admin.getStats()).sleepOvershootMs.count).toBe(1);

    const bad = await request(backend.url + '/', { headers: { 'x-gatebench-sleep-ms': 'soon' }, dispatcher: agent });
    expect(bad.statusCode).toBe(400);
    expect(await bad.body.text()).toMatch(/x-gatebench-sleep-ms/);
  });
});
