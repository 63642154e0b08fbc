import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSpec, TargetSpec } from '../../src/scenario/types.js';
import { startEmbeddedGateway, startTarget, type EmbeddedGateway, type StartedBackend } from '../../src/targets/index.js';
import { startLocalBackend, type LocalBackend } from './local-backend.js';
import { startTokenServer, type TokenServer } from './token-server.js';

const noBackend: StartedBackend = { url: 'http://127.0.0.1:9', processes: () => [], description: 'unused', close: async () => {} };

function externalSpec(baseUrl: string, auth: AuthSpec): TargetSpec {
  return {
    kind: 'external',
    baseUrl,
    routes: { echo: '/echo/1.0.0/', mediation: '/mediation' },
    headers: { 'x-tenant': 'carbon.super', Authorization: 'Bearer overridden' },
    auth,
    tls: { insecure: false },
  };
}

describe('external target', () => {
  let backend: LocalBackend;
  let gateway: EmbeddedGateway;
  let tokens: TokenServer;

  beforeAll(async () => {
    backend = await startLocalBackend();
    gateway = await startEmbeddedGateway({ backendUrl: backend.url, requireToken: 'issued-token' });
    tokens = await startTokenServer();
    tokens.fixedToken = 'issued-token';
  });
  afterAll(async () => {
    await gateway.close();
    await backend.close();
    await tokens.close();
  });

  it('drives a gateway it did not start, through an OAuth2 token it fetched and cached', async () => {
    const auth: AuthSpec = { kind: 'oauth2', grant: 'client_credentials', tokenUrl: tokens.url, clientId: 'id', clientSecret: 'secret', refreshMarginMs: 1000 };
    const target = await startTarget(externalSpec(`${gateway.url}/`, auth), noBackend);
    try {
      expect(target.baseUrl).toBe(gateway.url);
      expect(target.echoPath).toBe('/echo/1.0.0');
      expect(target.processes()).toEqual([]);
      expect(target.description).toContain('OAuth2');
      const headers = await target.requestHeaders();
      expect(headers).toEqual({ 'x-tenant': 'carbon.super', authorization: 'Bearer issued-token' });
      expect(tokens.requests).toHaveLength(1); // fetched at start, reused for the point

      // The embedded gateway's own prefix is /echo, so /echo/1.0.0 reaches the backend as /1.0.0.
      const response = await request(`${target.baseUrl}${target.echoPath}`, { method: 'POST', body: '{"a":1}', headers });
      expect(response.statusCode).toBe(200);
      expect(await response.body.text()).toBe('{"a":1}');
      expect(backend.seen.at(-1)?.headers['x-tenant']).toBe('carbon.super');
      const refused = await request(`${target.baseUrl}${target.echoPath}`, { method: 'POST', body: '{}' });
      await refused.body.dump();
      expect(refused.statusCode).toBe(401);
    } finally {
      await target.close();
    }
  });

  it('fails at start, not mid-run, when the token endpoint refuses the client', async () => {
    tokens.failWith = 400;
    try {
      const auth: AuthSpec = { kind: 'oauth2', grant: 'password', tokenUrl: tokens.url, clientId: 'id', clientSecret: 'bad', username: 'u', password: 'p', refreshMarginMs: 1000 };
      await expect(startTarget(externalSpec(gateway.url, auth), noBackend)).rejects.toThrow(/HTTP 400/);
    } finally {
      tokens.failWith = undefined;
    }
  });

  it('static bearer and no auth', async () => {
    const bearer = await startTarget(externalSpec(gateway.url, { kind: 'bearer', token: 'abc' }), noBackend);
    expect(await bearer.requestHeaders()).toEqual({ 'x-tenant': 'carbon.super', authorization: 'Bearer abc' });
    await bearer.close();
    const none = await startTarget(externalSpec(gateway.url, { kind: 'none' }), noBackend);
    expect(await none.requestHeaders()).toEqual({ 'x-tenant': 'carbon.super', Authorization: 'Bearer overridden' });
    await none.close();
  });

  it('rejects a base URL that is not http(s)', async () => {
    await expect(startTarget(externalSpec('ftp://127.0.0.1', { kind: 'none' }), noBackend)).rejects.toMatchObject({ code: 'GB_CONFIG_INVALID' });
    await expect(startTarget(externalSpec('not a url', { kind: 'none' }), noBackend)).rejects.toMatchObject({ code: 'GB_CONFIG_INVALID' });
  });
});
