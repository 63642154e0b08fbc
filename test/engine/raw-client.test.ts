import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/engine/index.js';
import type { PointResult } from '../../src/results/types.js';
import { wso2Payload } from '../../src/payload.js';
import { freePort, waitForPort } from '../../src/runtime/ports.js';
import { findExecutable, missingComponent } from '../helpers/components.js';
import { testLoadOptions } from './load-options.js';

const BODY_BYTES = 1024;
const REQUESTS = 60;

/** Bytes the engine counted over the whole point: every request here completes inside the window. */
function receivedBytes(result: PointResult): number {
  return Math.round(result.bytesReceivedPerSec * result.durationS);
}

function sentBytes(result: PointResult): number {
  return Math.round(result.bytesSentPerSec * result.durationS);
}

/**
 * The raw client against real nginx (1 worker): a static 1 KiB file on keep-alive, the same file with
 * `Connection: close` after every response (as HAProxy's `option httpclose` answers), and a chunked response
 * (sub_filter drops Content-Length). nginx logs the bytes it sent and received per request; the engine's byte
 * counts must equal their sums.
 */
describe.skipIf(missingComponent('nginx') !== undefined)('raw client against nginx', () => {
  let dir = '';
  let nginx: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatebench-raw-nginx-'));
    for (const sub of ['html', 'tmp', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'html', 'file.json'), wso2Payload(BODY_BYTES));
    // nginx workers may run as nobody and must reach the file and the log folder.
    for (const path of [dir, join(dir, 'html'), join(dir, 'html', 'file.json'), join(dir, 'logs')]) chmodSync(path, 0o777);
    const port = await freePort();
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/tmp/${name};`).join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  ${temp}
  default_type application/json;
  log_format bytes '$request_uri $status $bytes_sent $request_length';
  access_log ${dir}/logs/access.log bytes;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/html;
    location = /keepalive { alias ${dir}/html/file.json; }
    location = /close { alias ${dir}/html/file.json; keepalive_timeout 0; }
    location = /chunked { alias ${dir}/html/file.json; sub_filter '"' "'"; sub_filter_once off; sub_filter_types application/json; }
  }
}
`,
    );
    const binary = findExecutable('nginx')!;
    nginx = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log')], { stdio: 'ignore' });
    expect(await waitForPort('127.0.0.1', port, nginx, 10_000)).toBe('listening');
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** The access log's lines for `uri`, after nginx has flushed them (it writes each line when the request ends). */
  function logged(uri: string): Array<{ status: number; bytesSent: number; requestLength: number }> {
    return readFileSync(join(dir, 'logs', 'access.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith(`${uri} `))
      .map((line) => {
        const [, status, bytesSent, requestLength] = line.split(' ');
        return { status: Number(status), bytesSent: Number(bytesSent), requestLength: Number(requestLength) };
      });
  }

  /** The head nginx answers `uri` with, read over a plain socket (`?probe` keeps it apart in the log). */
  async function responseHead(uri: string): Promise<string> {
    const port = Number(new URL(base).port);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => socket.write(`GET ${uri}?probe HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text.slice(0, text.indexOf('\r\n\r\n')).toLowerCase()));
      socket.on('error', reject);
    });
  }

  it('serves the three framings this suite relies on', async () => {
    expect(await responseHead('/keepalive')).toContain(`content-length: ${BODY_BYTES}`);
    expect(await responseHead('/chunked')).toContain('transfer-encoding: chunked');
    // nginx closes /close even for a client that asks to keep alive.
    const keepAliveAsked = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(base).port) }, () => socket.write('GET /close?probe HTTP/1.1\r\nhost: x\r\nconnection: keep-alive\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text.toLowerCase()));
      socket.on('error', reject);
    });
    expect(keepAliveAsked).toContain('connection: close');
  });

  it.each([
    ['keep-alive with Content-Length', '/keepalive', BODY_BYTES],
    ['Connection: close after every response', '/close', BODY_BYTES],
    ['a chunked body', '/chunked', BODY_BYTES],
  ])('reads %s and counts the bytes nginx sent and received', async (_name, uri, bodyBytes) => {
    const result = await runLoad(
      testLoadOptions(`${base}${uri}`, { client: 'raw', model: { kind: 'closed', users: 3, rampUpMs: 0, thinkTimeMs: 0 }, durationMs: 10_000, maxRequests: REQUESTS, checks: { responseBytes: bodyBytes } }),
    );
    expect(result.errorsByKind).toEqual({});
    expect(result.requests).toBe(REQUESTS);
    const lines = logged(uri);
    expect(lines).toHaveLength(REQUESTS);
    expect(lines.every((line) => line.status === 200)).toBe(true);
    expect(receivedBytes(result)).toBe(lines.reduce((sum, line) => sum + line.bytesSent, 0));
    expect(sentBytes(result)).toBe(lines.reduce((sum, line) => sum + line.requestLength, 0));
  });

  it('answers HEAD without reading a body', async () => {
    const result = await runLoad(testLoadOptions(`${base}/keepalive`, { client: 'raw', request: { url: `${base}/keepalive`, method: 'HEAD', headers: {} }, maxRequests: 20, checks: { responseBytes: 0 } }));
    expect(result.errorsByKind).toEqual({});
    expect(result.requests).toBe(20);
  });
});

/** Raw TCP servers for what nginx does not send: 1xx, a body read until the close, malformed responses. */
describe('raw client against scripted responses', () => {
  let server: Server | undefined;

  async function scripted(answer: (request: string) => string | undefined): Promise<string> {
    server = createServer((socket) => {
      let pending = '';
      socket.on('data', (chunk: Buffer) => {
        pending += chunk.toString('latin1');
        while (pending.includes('\r\n\r\n')) {
          const end = pending.indexOf('\r\n\r\n') + 4;
          const request = pending.slice(0, end);
          pending = pending.slice(end);
          const response = answer(request);
          if (response === undefined) socket.end();
          else {
            // Byte by byte: the client must reassemble whatever the network hands it.
            for (const byte of Buffer.from(response, 'latin1')) socket.write(Buffer.of(byte));
            if (/connection: close/i.test(response)) socket.end();
          }
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}/`;
  }

  afterAll(() => server?.close());

  it('skips a 100 Continue, reads a body until the close, and counts every byte on the wire', async () => {
    const response = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil-close';
    const url = await scripted(() => response);
    const result = await runLoad(testLoadOptions(url, { client: 'raw', model: { kind: 'closed', users: 2, rampUpMs: 0, thinkTimeMs: 0 }, durationMs: 10_000, maxRequests: 30, checks: { responseBytes: 11 } }));
    expect(result.errorsByKind).toEqual({});
    expect(result.requests).toBe(30);
    expect(receivedBytes(result)).toBe(30 * response.length);
    server?.close();
  });

  it('counts a malformed response as other and an early close as closed', async () => {
    let index = 0;
    const url = await scripted(() => (index++ % 2 === 0 ? 'HTTP/1.1 abc\r\n\r\n' : undefined));
    const result = await runLoad(testLoadOptions(url, { client: 'raw', model: { kind: 'closed', users: 1, rampUpMs: 0, thinkTimeMs: 0 }, durationMs: 10_000, maxRequests: 10 }));
    expect(result.errorsByKind).toEqual({ other: 5, closed: 5 });
    server?.close();
  });
});
