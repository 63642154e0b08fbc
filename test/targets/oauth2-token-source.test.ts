import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSpec } from '../../src/scenario/types.js';
import { createOAuth2TokenSource } from '../../src/targets/index.js';
import { findExecutable, missingComponent } from '../helpers/components.js';
import { startTokenServer, type TokenServer } from './token-server.js';

type OAuth2 = Extract<AuthSpec, { kind: 'oauth2' }>;
const plainTls = { insecure: false };

function spec(server: TokenServer, overrides: Partial<OAuth2> = {}): OAuth2 {
  return { kind: 'oauth2', grant: 'client_credentials', tokenUrl: server.url, clientId: 'client-id', clientSecret: 'client-secret', refreshMarginMs: 10_000, ...overrides };
}

describe('OAuth2 token source', () => {
  let server: TokenServer;
  beforeAll(async () => {
    server = await startTokenServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('client_credentials: form POST with the client as HTTP Basic auth, one request for two calls', async () => {
    server.requests.length = 0;
    const source = createOAuth2TokenSource(spec(server, { scope: 'apim:subscribe' }), plainTls);
    try {
      const first = await source.token();
      expect(await source.token()).toBe(first);
      expect(server.requests).toHaveLength(1);
      expect(source.requestCount).toBe(1);
      const [seen] = server.requests;
      expect(seen.authorization).toBe(`Basic ${Buffer.from('client-id:client-secret').toString('base64')}`);
      expect(seen.contentType).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(seen.form)).toEqual({ grant_type: 'client_credentials', scope: 'apim:subscribe' });
    } finally {
      await source.close();
    }
  });

  it('password grant sends the user and password in the form', async () => {
    server.requests.length = 0;
    const source = createOAuth2TokenSource(spec(server, { grant: 'password', username: 'admin', password: 'p&ss w' }), plainTls);
    try {
      await source.token();
      expect(Object.fromEntries(server.requests[0].form)).toEqual({ grant_type: 'password', username: 'admin', password: 'p&ss w' });
    } finally {
      await source.close();
    }
  });

  it('concurrent callers share one token request', async () => {
    server.requests.length = 0;
    const source = createOAuth2TokenSource(spec(server), plainTls);
    try {
      const tokens = await Promise.all([source.token(), source.token(), source.token()]);
      expect(new Set(tokens).size).toBe(1);
      expect(server.requests).toHaveLength(1);
    } finally {
      await source.close();
    }
  });

  it('refreshes refreshMarginMs before expires_in runs out, not earlier', async () => {
    server.requests.length = 0;
    server.expiresInS = 60;
    let nowMs = 1_000_000;
    const source = createOAuth2TokenSource(spec(server, { refreshMarginMs: 10_000 }), plainTls, () => nowMs);
    try {
      const first = await source.token();
      nowMs += 49_999; // 10 s margin: still good until 50 s after the request
      expect(await source.token()).toBe(first);
      nowMs += 1;
      const second = await source.token();
      expect(second).not.toBe(first);
      expect(server.requests).toHaveLength(2);
    } finally {
      server.expiresInS = 3600;
      await source.close();
    }
  });

  it('names the token URL, the status and the body when the server refuses', async () => {
    server.failWith = 401;
    const source = createOAuth2TokenSource(spec(server), plainTls);
    try {
      const failure = source.token();
      await expect(failure).rejects.toMatchObject({ code: 'GB_TARGET_START_FAILED' });
      await expect(failure).rejects.toThrow(new RegExp(`${server.url}.*HTTP 401.*invalid_client`));
    } finally {
      server.failWith = undefined;
      await source.close();
    }
  });

  it('a dead token URL fails with GB_TARGET_UNREACHABLE naming it', async () => {
    const source = createOAuth2TokenSource(spec(server, { tokenUrl: 'http://127.0.0.1:9/token' }), plainTls);
    try {
      await expect(source.token()).rejects.toMatchObject({ code: 'GB_TARGET_UNREACHABLE', message: expect.stringContaining('http://127.0.0.1:9/token') });
    } finally {
      await source.close();
    }
  });
});

// On CI (GATEBENCH_REQUIRE_COMPONENTS=1) a missing openssl fails this file instead of skipping it.
const missingOpenssl = missingComponent('openssl');
const openssl = missingOpenssl === undefined ? findExecutable('openssl') : undefined;

describe.skipIf(openssl === undefined)('OAuth2 token source over TLS', () => {
  let dir: string;
  let server: TokenServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatebench-tls-'));
    execFileSync(openssl as string, [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    server = await startTokenServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a self-signed certificate by default', async () => {
    const source = createOAuth2TokenSource(spec(server), plainTls);
    await expect(source.token()).rejects.toMatchObject({ code: 'GB_TARGET_UNREACHABLE' });
    await source.close();
  });

  it('accepts it with caFile, and with insecure', async () => {
    for (const tls of [{ insecure: false, caFile: join(dir, 'cert.pem') }, { insecure: true }]) {
      const source = createOAuth2TokenSource(spec(server), tls);
      expect(await source.token()).toMatch(/^tok-/);
      await source.close();
    }
  });

  it('an unreadable caFile is a config error naming the file', async () => {
    expect(() => createOAuth2TokenSource(spec(server), { insecure: false, caFile: join(dir, 'missing.pem') })).toThrow(/target\.tls\.caFile.*missing\.pem/);
  });
});
