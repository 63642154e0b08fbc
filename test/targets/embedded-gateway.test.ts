import { request as httpRequest } from 'node:http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wso2Payload } from '../../src/payload.js';
import { startEmbeddedGateway, type EmbeddedGateway } from '../../src/targets/index.js';
import { deadPort, EXTRA_FIELDS_DOC, startLocalBackend, type LocalBackend } from './local-backend.js';

let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(async () => {
  await backend.close();
});

async function post(url: string, body: Buffer, headers: Record<string, string> = {}) {
  const response = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
}

/** undici will not send `Expect`, so this one uses node:http the way curl does for large uploads. */
function postExpectingContinue(url: string, body: Buffer): Promise<{ continued: boolean; status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = httpRequest(url, { method: 'POST', headers: { expect: '100-continue', 'content-length': body.length } });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ continued, status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

function routeChecks(gateway: () => EmbeddedGateway) {
  it.each([1024, 100 * 1024])('echo passes a %i-byte body through byte for byte', async (bytes) => {
    const body = wso2Payload(bytes);
    const response = await post(`${gateway().url}/echo/svc?x=1`, body);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-backend']).toBe('local');
    expect(response.body.equals(body)).toBe(true);
    expect(backend.seen.at(-1)).toMatchObject({ method: 'POST', url: '/svc?x=1', bodyBytes: bytes });
  });

  it('echo accepts a client that asks for 100-continue', async () => {
    const body = wso2Payload(4096);
    const response = await postExpectingContinue(`${gateway().url}/echo`, body);
    expect(response).toMatchObject({ continued: true, status: 200 });
    expect(response.body.equals(body)).toBe(true);
  });

  it('echo forwards the status and the bare prefix maps to the backend root', async () => {
    const response = await post(`${gateway().url}/echo?status=201`, Buffer.from('{}'));
    expect(response.status).toBe(201);
    expect(backend.seen.at(-1)?.url).toBe('/?status=201');
  });

  it('mediation rebuilds the response as exactly {payload, size}, dropping other fields', async () => {
    const response = await request(`${gateway().url}/mediation/doc`);
    const text = await response.body.text();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(text).toBe(JSON.stringify({ payload: EXTRA_FIELDS_DOC.payload, size: EXTRA_FIELDS_DOC.size }));
  });

  it('mediation of a posted WSO2 payload returns the same two fields re-serialised', async () => {
    const body = Buffer.from(JSON.stringify({ size: '1K', payload: 'p'.repeat(900), unused: true }));
    const response = await post(`${gateway().url}/mediation`, body);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(JSON.stringify({ payload: 'p'.repeat(900), size: '1K' }));
  });

  it('answers 404 outside the two routes, without calling the backend', async () => {
    const before = backend.seen.length;
    const response = await request(`${gateway().url}/echoes`);
    await response.body.dump();
    expect(response.statusCode).toBe(404);
    expect(backend.seen.length).toBe(before);
  });
}

describe('embedded gateway, in-process', () => {
  let gateway: EmbeddedGateway;
  beforeAll(async () => {
    gateway = await startEmbeddedGateway({ backendUrl: backend.url });
  });
  afterAll(async () => {
    await gateway.close();
  });
  routeChecks(() => gateway);

  it('reports this process as the one doing the work', () => {
    expect(gateway.pids()).toEqual([process.pid]);
  });
});

describe('embedded gateway with 2 cluster workers', () => {
  let gateway: EmbeddedGateway;
  beforeAll(async () => {
    gateway = await startEmbeddedGateway({ backendUrl: backend.url, workers: 2 });
  });
  afterAll(async () => {
    await gateway.close();
  });
  routeChecks(() => gateway);

  it('runs two worker processes and stops them on close', async () => {
    const pids = gateway.pids();
    expect(pids).toHaveLength(2);
    expect(pids).not.toContain(process.pid);
    for (const pid of pids) expect(() => process.kill(pid, 0)).not.toThrow();
    await gateway.close();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('embedded gateway bearer check and failures', () => {
  it('answers 401 without the token, 401 with a wrong one, 200 with it, and does not forward it', async () => {
    const gateway = await startEmbeddedGateway({ backendUrl: backend.url, requireToken: 's3cret' });
    try {
      const body = Buffer.from('{"payload":"a","size":"1B"}');
      expect((await post(`${gateway.url}/echo`, body)).status).toBe(401);
      expect((await post(`${gateway.url}/echo`, body, { authorization: 'Bearer nope' })).status).toBe(401);
      const ok = await post(`${gateway.url}/echo`, body, { authorization: 'Bearer s3cret' });
      expect(ok.status).toBe(200);
      expect(ok.body.equals(body)).toBe(true);
      expect(backend.seen.at(-1)?.headers.authorization).toBeUndefined();
    } finally {
      await gateway.close();
    }
  });

  it('answers 502 on both routes when the backend is down', async () => {
    const gateway = await startEmbeddedGateway({ backendUrl: `http://127.0.0.1:${await deadPort()}` });
    try {
      expect((await post(`${gateway.url}/echo`, Buffer.from('{}'))).status).toBe(502);
      expect((await post(`${gateway.url}/mediation`, Buffer.from('{}'))).status).toBe(502);
    } finally {
      await gateway.close();
    }
  });

  it('answers 502 when the mediation backend response is not JSON', async () => {
    const gateway = await startEmbeddedGateway({ backendUrl: backend.url });
    try {
      const response = await post(`${gateway.url}/mediation`, Buffer.from('not json'), { 'content-type': 'text/plain' });
      expect(response.status).toBe(502);
      expect(response.body.toString()).toMatch(/mediation failed/);
    } finally {
      await gateway.close();
    }
  });
});
