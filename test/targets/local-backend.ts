// A real loopback HTTP backend for the gateway tests: POST echoes the body and content type byte for byte;
// GET answers a WSO2-shaped JSON document with extra fields the mediation must drop. Every request is recorded.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../src/runtime/ports.js';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
}

export interface LocalBackend {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export const EXTRA_FIELDS_DOC = { payload: 'abc123', size: '50B', extra: { nested: [1, 2, 3] }, dropMe: 'x' };

export async function startLocalBackend(): Promise<LocalBackend> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: body.length });
      if (req.method === 'GET') {
        const doc = Buffer.from(JSON.stringify(EXTRA_FIELDS_DOC));
        res.writeHead(200, { 'content-type': 'application/json', 'x-backend': 'local' });
        res.end(doc);
        return;
      }
      res.writeHead(req.url?.includes('status=201') ? 201 : 200, {
        'content-type': req.headers['content-type'] ?? 'application/octet-stream',
        'x-backend': 'local',
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on (a free loopback port, left closed). */
export function deadPort(): Promise<number> {
  return freePort('127.0.0.1');
}
