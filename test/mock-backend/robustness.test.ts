import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, startMockBackend, type MockBackend } from '../../mock-backend/index.js';
import { openConnection, rawExchange, waitFor } from './raw-http.js';

let backend: MockBackend;

beforeAll(async () => {
  backend = await startMockBackend();
});
afterAll(async () => {
  await backend.close();
});
beforeEach(async () => {
  await backend.admin.setConfig({ ...DEFAULT_CONFIG });
  await backend.admin.reset();
});

async function stillServes(): Promise<void> {
  const response = await request(backend.url + '/alive', { method: 'POST', body: 'ok' });
  expect(response.statusCode).toBe(200);
  expect(await response.body.text()).toBe('ok');
}

describe('bad clients', () => {
  it('answers 413 to a Content-Length over the default 10 MiB limit without reading the body', async () => {
    const answer = await rawExchange(backend.url, `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${10 * 1024 * 1024 + 1}\r\n\r\n`);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.text).toMatch(/maxBodyBytes \(10485760\)/);
    expect(answer.closedBy).not.toBe('open');
    await stillServes();
  });

  it('answers 413 to a chunked body that grows over a configured limit', async () => {
    await backend.admin.setConfig({ maxBodyBytes: 1000 });
    const chunk = 'x'.repeat(600);
    const sizeHex = chunk.length.toString(16);
    const body = `${sizeHex}\r\n${chunk}\r\n${sizeHex}\r\n${chunk}\r\n0\r\n\r\n`;
    const answer = await rawExchange(backend.url, `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${body}`);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    const atLimit = await request(backend.url + '/', { method: 'POST', body: 'y'.repeat(1000) });
    expect(atLimit.statusCode).toBe(200);
    expect((await atLimit.body.text()).length).toBe(1000);
    expect((await backend.admin.getStats()).responsesByStatus).toEqual({ '200': 1, '413': 1 });
  });

  it('survives a malformed request line and a header block of garbage', async () => {
    for (const garbage of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header Line\r\n\r\n', '\x00\x01\x02\r\n\r\n']) {
      const answer = await rawExchange(backend.url, garbage);
      expect(answer.text).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect((await backend.admin.getStats()).badRequests).toBe(4);
    await stillServes();
  });

  it('survives a client that resets mid-body', async () => {
    const { socket } = await openConnection(backend.url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\npartial');
    await waitFor(() => backend.admin.getStats(), (stats) => stats.bytesIn === 7);
    socket.resetAndDestroy();
    const stats = await waitFor(() => backend.admin.getStats(), (value) => value.inFlight === 0);
    expect(stats.clientAborts).toBe(1);
    await stillServes();
  });

  it('frees the timer of a client that disconnects during a long sleep', async () => {
    await backend.admin.setConfig({ sleepMs: 60_000 });
    const { socket } = await openConnection(backend.url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => backend.admin.getStats(), (stats) => stats.pendingSleeps === 1);
    socket.destroy();
    const stats = await waitFor(() => backend.admin.getStats(), (value) => value.pendingSleeps === 0);
    expect(stats.clientAborts).toBe(1);
    expect(stats.inFlight).toBe(0);
    expect(stats.responsesByStatus).toEqual({});
  });
});

describe('fault injection', () => {
  it('errorRate 1 answers every request with errorStatus', async () => {
    await backend.admin.setConfig({ errorRate: 1, errorStatus: 502 });
    for (let index = 0; index < 5; index++) {
      const response = await request(backend.url + '/', { method: 'POST', body: 'x' });
      expect(response.statusCode).toBe(502);
      await response.body.text();
    }
    expect((await backend.admin.getStats()).responsesByStatus).toEqual({ '502': 5 });
  });

  it('dropRate 1 resets the connection without a response', async () => {
    await backend.admin.setConfig({ dropRate: 1 });
    const answer = await rawExchange(backend.url, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer.text).toBe('');
    expect(answer.closedBy).toBe('reset');
    await expect(request(backend.url + '/', { method: 'POST', body: 'x' })).rejects.toThrow();
    const stats = await backend.admin.getStats();
    expect(stats.drops).toBe(2);
    expect(stats.clientAborts).toBe(0);
  });

  it('stallRate 1 adds stallMs to the sleep', async () => {
    await backend.admin.setConfig({ sleepMs: 5, stallRate: 1, stallMs: 60 });
    const started = performance.now();
    await (await request(backend.url + '/')).body.text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(65);
    expect((await backend.admin.getStats()).stalls).toBe(1);
  });
});

describe('the echo port is not the admin port', () => {
  it('echoes PUT /config instead of applying it', async () => {
    const response = await request(backend.url + '/config', { method: 'PUT', body: '{"sleepMs":999}' });
    expect(await response.body.text()).toBe('{"sleepMs":999}');
    expect((await backend.admin.getConfig()).sleepMs).toBe(0);
  });
});

/**
 * Requests that arrive in pieces: on one keep-alive connection, each request is written in two parts split at
 * every byte offset (a pause between them so they arrive apart), then one written a byte at a time. Every
 * response must be whole and echo its body exactly.
 */
describe('requests split at every byte', () => {
  /** Sends requests in the given pieces on one connection; resolves with one response text per request. */
  async function exchangeInPieces(requests: Buffer[][]): Promise<string[]> {
    const { hostname, port } = new URL(backend.url);
    const socket = connect({ host: hostname, port: Number(port), noDelay: true });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const responses: string[] = [];
    try {
      for (const pieces of requests) {
        received = '';
        for (const piece of pieces) {
          socket.write(piece);
          await delay(1);
        }
        // A whole response: head, then Content-Length bytes of body.
        await waitFor(
          async () => received,
          (text) => {
            const headEnd = text.indexOf('\r\n\r\n');
            const length = /content-length: (\d+)/i.exec(text)?.[1];
            return headEnd >= 0 && length !== undefined && text.length >= headEnd + 4 + Number(length);
          },
        );
        responses.push(received);
      }
    } finally {
      socket.destroy();
    }
    return responses;
  }

  const body = '{"split":"at every byte"}';
  const echo = Buffer.from(`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`, 'latin1');
  const chunked = Buffer.from(`POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"spl\r\n${(body.length - 5).toString(16)}\r\n${body.slice(5)}\r\n0\r\n\r\n`, 'latin1');

  it.each([
    ['Content-Length', echo],
    ['chunked', chunked],
  ])('answers a %s request cut in two at every offset, and one sent a byte at a time', async (_name, whole) => {
    const requests: Buffer[][] = [];
    for (let at = 1; at < whole.length; at++) requests.push([whole.subarray(0, at), whole.subarray(at)]);
    requests.push(Array.from(whole, (_, index) => whole.subarray(index, index + 1)));
    const responses = await exchangeInPieces(requests);
    expect(responses).toHaveLength(whole.length);
    for (const response of responses) {
      expect(response.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
      expect(response.endsWith(`\r\n\r\n${body}`)).toBe(true);
    }
    const stats = await backend.admin.getStats();
    expect(stats.requests).toBe(whole.length);
    expect(stats.badRequests).toBe(0);
  });
});
