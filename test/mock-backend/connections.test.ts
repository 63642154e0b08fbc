import { execFileSync } from 'node:child_process';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../mock-backend/index.js';
import { tooFewOpenFiles } from '../helpers/components.js';
import { openConnection, waitFor } from './raw-http.js';

const CONNECTIONS = 1000;
// This process holds the client side of every connection; the backend runs isolated in its own process.
const openFilesLimit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
const tooFewFiles = tooFewOpenFiles(openFilesLimit, CONNECTIONS + 200) !== undefined;

let backend: MockBackend;
const sockets: Socket[] = [];

beforeAll(async () => {
  backend = await startMockBackend({ isolate: true, sleepMs: 300 });
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await backend.close();
});

describe.skipIf(tooFewFiles)('many connections', () => {
  it(`holds ${CONNECTIONS} concurrent keep-alive connections, each served while the others sleep`, async () => {
    const opened = [];
    for (let index = 0; index < CONNECTIONS; index += 100) {
      // Open in batches of 100 so the listen backlog never overflows on a slow machine.
      const batch = await Promise.all(Array.from({ length: 100 }, () => openConnection(backend.url, 'GET /?size=100 HTTP/1.1\r\nHost: x\r\n\r\n')));
      opened.push(...batch);
    }
    sockets.push(...opened.map((connection) => connection.socket));
    const during = await waitFor(() => backend.admin.getStats(), (stats) => stats.openConnections === CONNECTIONS, 30_000);
    expect(during.openConnections).toBe(CONNECTIONS);
    const heads = await Promise.all(opened.map((connection) => connection.head));
    for (const head of heads) {
      expect(head).toMatch(/^HTTP\/1\.1 200 /);
      expect(head.toLowerCase()).toContain('connection: keep-alive');
    }
    const after = await backend.admin.getStats();
    expect(after.requests).toBe(CONNECTIONS);
    expect(after.openConnections).toBe(CONNECTIONS);
    expect(after.clientAborts).toBe(0);
  });
});
