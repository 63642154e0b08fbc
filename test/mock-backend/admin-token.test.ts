import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockBackendAdmin, startMockBackend, type MockBackend } from '../../mock-backend/index.js';
import { backendOptionsFromFlags } from '../../src/cli/commands/backend.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { maskSecrets } from '../../src/scenario/mask-secrets.js';
import { cliArgv } from '../helpers/run-cli.js';

const TOKEN = 'correct-horse-battery';

describe('admin token: refusing to listen beyond loopback without one', () => {
  // Nothing binds here: the check runs before any listener opens, so no test ever listens off loopback.
  it.each([{ adminHost: '0.0.0.0' }, { host: '0.0.0.0' }, { adminHost: '::' }, { adminHost: '10.1.2.3' }])('refuses %o', async (options) => {
    await expect(startMockBackend(options)).rejects.toThrow(/refusing to listen on .* without an admin token/);
  });

  it('gatebench backend --admin-host 0.0.0.0 exits 2 naming the flag to add', { timeout: 120_000 }, () => {
    const result = spawnSync(process.execPath, cliArgv(['backend', '--port', '0', '--admin-port', '0', '--admin-host', '0.0.0.0']), {
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without an admin token[\s\S]*--admin-token-file/);
  });

  it('reads the token from the first line of --admin-token-file and rejects an empty one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatebench-token-'));
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    writeFileSync(join(dir, 'empty'), '\n');
    const flags = { port: '0', host: '127.0.0.1', adminPort: '0', adminHost: '127.0.0.1', workers: '1' };
    expect(backendOptionsFromFlags({ ...flags, adminTokenFile: join(dir, 'token') }).adminToken).toBe(TOKEN);
    expect(() => backendOptionsFromFlags({ ...flags, adminTokenFile: join(dir, 'empty') })).toThrow(/empty/);
    expect(() => backendOptionsFromFlags({ ...flags, adminTokenFile: join(dir, 'missing') })).toThrow(/file not found/);
    expect(() => backendOptionsFromFlags({ ...flags, adminToken: TOKEN, adminTokenFile: join(dir, 'token') })).toThrow(/not both/);
  });
});

describe('admin token over a real socket', () => {
  let backend: MockBackend;
  beforeAll(async () => {
    backend = await startMockBackend({ adminToken: TOKEN });
  });
  afterAll(() => backend.close());

  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token-value' }],
    ['the token without Bearer', { authorization: TOKEN }],
  ])('answers 401 with %s, and changes nothing', async (_, headers: Record<string, string>) => {
    const response = await request(`${backend.adminUrl}/config`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: '{"sleepMs":999}' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(((await response.body.json()) as { error: string }).error).toMatch(/Authorization: Bearer/);
    expect((await backend.admin.getConfig()).sleepMs).not.toBe(999);
  });

  it('answers the right token, and the client without it reports the 401', async () => {
    expect((await new MockBackendAdmin(backend.adminUrl, TOKEN).setConfig({ sleepMs: 7 })).sleepMs).toBe(7);
    await expect(new MockBackendAdmin(backend.adminUrl).getStats()).rejects.toThrow(/answered 401/);
  });

  it('keeps the echo port open to the gateway without a token', async () => {
    const response = await request(`${backend.url}/echo`, { method: 'POST', body: 'hello' });
    expect(await response.body.text()).toBe('hello');
  });
});

describe('scenario backend.adminToken', () => {
  const scenario = (backend: string) =>
    parseScenario(['target: { baseUrl: "http://127.0.0.1:9" }', backend, 'sweep: { messageSizes: [1KiB], concurrency: [1] }'].join('\n'), 'x.yaml', {
      env: { GATEBENCH_ADMIN_TOKEN: TOKEN },
    });

  it('comes from the environment and is masked wherever the scenario is written', () => {
    const loaded = scenario('backend: { kind: external-mock, url: "http://10.0.0.3:8688", adminUrl: "http://10.0.0.3:8689", adminToken: "${GATEBENCH_ADMIN_TOKEN}" }');
    expect(loaded.backend).toMatchObject({ kind: 'external-mock', adminToken: TOKEN });
    expect(JSON.stringify(maskSecrets(loaded))).not.toContain(TOKEN);
  });

  it('is required when the admin API is off loopback', () => {
    expect(() => scenario('backend: { kind: external-mock, url: "http://10.0.0.3:8688", adminUrl: "http://10.0.0.3:8689" }')).toThrow(/backend\.adminToken: the admin API is off loopback/);
  });
});
