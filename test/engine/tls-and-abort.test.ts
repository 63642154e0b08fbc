import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../src/engine/index.js';
import { findExecutable, missingComponent } from '../helpers/components.js';
import { testLoadOptions } from './load-options.js';
import { startTestServer } from './servers.js';

// On CI (GATEBENCH_REQUIRE_COMPONENTS=1) a missing openssl fails this file instead of skipping it.
const missingOpenssl = missingComponent('openssl');
const openssl = missingOpenssl === undefined ? findExecutable('openssl') : undefined;

describe.skipIf(openssl === undefined)('https targets', () => {
  let dir = '';
  let server: Server | undefined;
  let url = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatebench-tls-'));
    // A self-signed certificate for 127.0.0.1 that is also its own CA.
    execFileSync(openssl!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => response.end('secure'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the server through tls.caFile', async () => {
    const result = await runLoad(testLoadOptions(url, { maxRequests: 20, tls: { caFile: join(dir, 'cert.pem'), insecure: false } }));
    expect(result.statusCounts).toEqual({ '2xx': 20 });
    expect(result.errors).toBe(0);
  });

  it('accepts any certificate with tls.insecure, and counts an untrusted one as an error otherwise', async () => {
    const insecure = await runLoad(testLoadOptions(url, { maxRequests: 20, tls: { insecure: true } }));
    expect(insecure.statusCounts).toEqual({ '2xx': 20 });
    const strict = await runLoad(testLoadOptions(url, { maxRequests: 20 }));
    expect(strict.errorsByKind).toEqual({ other: 20 });
  });
});

describe('stopping a point early', () => {
  it('ends the window at the abort and marks the result interrupted', async () => {
    const server = await startTestServer((_request, response) => response.end('ok'));
    try {
      const controller = new AbortController();
      const started = Date.now();
      let aborted = false;
      const result = await runLoad(testLoadOptions(server.url, { durationMs: 20_000 }), {
        signal: controller.signal,
        onProgress: (tick) => {
          // Not the tick at the window's start (nothing measured yet): the first one with requests in the window.
          if (!aborted && tick.phase === 'measure' && tick.requests > 0) {
            aborted = true;
            controller.abort();
          }
        },
      });
      expect(result.interrupted).toBe(true);
      expect(result.durationS).toBeLessThan(20);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(result.requests).toBeGreaterThan(0);
      expect(result.warmup.requests + result.requests + (result.drain?.completed ?? 0)).toBe(server.responses);
    } finally {
      await server.close();
    }
  });
});
