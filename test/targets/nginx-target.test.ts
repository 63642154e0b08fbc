import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wso2Payload } from '../../src/payload.js';
import type { TargetSpec } from '../../src/scenario/types.js';
import { startTarget, type StartedBackend, type StartedTarget } from '../../src/targets/index.js';
import { renderNginxConfig } from '../../src/targets/nginx/nginx-config.js';
import { missingComponent } from '../helpers/components.js';
import { deadPort, EXTRA_FIELDS_DOC, startLocalBackend, type LocalBackend } from './local-backend.js';

const missing = missingComponent('nginx') ?? missingComponent('njs');

function nginxSpec(workers: number): TargetSpec {
  return {
    kind: 'nginx',
    workers,
    routes: { echo: '/echo', mediation: '/mediation' },
    headers: { 'x-run': 'test' },
    auth: { kind: 'none' },
    tls: { insecure: false },
  };
}

function backendAt(url: string): StartedBackend {
  return { url, processes: () => [], description: 'test backend', close: async () => {} };
}

async function post(url: string, body: Buffer) {
  const response = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  return { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
}

describe.skipIf(missing !== undefined)('nginx target (real nginx with njs)', () => {
  let backend: LocalBackend;
  let target: StartedTarget;

  beforeAll(async () => {
    backend = await startLocalBackend();
    target = await startTarget(nginxSpec(2), backendAt(backend.url));
  });
  afterAll(async () => {
    await target?.close();
    await backend?.close();
  });

  it.each([1024, 100 * 1024])('echo passes a %i-byte body through byte for byte', async (bytes) => {
    const body = wso2Payload(bytes);
    const response = await post(`${target.baseUrl}${target.echoPath}/svc?x=1`, body);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.equals(body)).toBe(true);
    expect(backend.seen.at(-1)).toMatchObject({ method: 'POST', url: '/svc?x=1', bodyBytes: bytes });
  });

  it('the bare echo prefix maps to the backend root', async () => {
    const response = await post(`${target.baseUrl}/echo?status=201`, Buffer.from('{}'));
    expect(response.status).toBe(201);
    expect(backend.seen.at(-1)?.url).toBe('/?status=201');
  });

  it('a GET sweep\'s ?size= query reaches the backend on both routes', async () => {
    for (const [path, expected] of [[target.echoPath, '/?size=2048'], [`${target.mediationPath}/doc`, '/doc?size=2048']] as const) {
      const response = await request(`${target.baseUrl}${path}?size=2048`);
      await response.body.arrayBuffer();
      expect(response.statusCode).toBe(200);
      expect(backend.seen.at(-1)).toMatchObject({ method: 'GET', url: expected, bodyBytes: 0 });
    }
  });

  it('mediation rebuilds a GET response as exactly {payload, size}, dropping other fields', async () => {
    const response = await request(`${target.baseUrl}${target.mediationPath}/doc`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(await response.body.text()).toBe(JSON.stringify({ payload: EXTRA_FIELDS_DOC.payload, size: EXTRA_FIELDS_DOC.size }));
    expect(backend.seen.at(-1)?.url).toBe('/doc');
  });

  it.each([1024, 100 * 1024])('mediation of a posted %i-byte payload returns its two fields re-serialised', async (bytes) => {
    const payload = JSON.parse(wso2Payload(bytes).toString()) as { payload: string; size: string };
    const body = Buffer.from(JSON.stringify({ ...payload, unused: [1, 2] }));
    const response = await post(`${target.baseUrl}${target.mediationPath}`, body);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(JSON.stringify({ payload: payload.payload, size: payload.size }));
    expect(backend.seen.at(-1)).toMatchObject({ method: 'POST', bodyBytes: body.length });
  });

  it('answers 404 outside the two routes', async () => {
    const response = await request(`${target.baseUrl}/echoes`);
    await response.body.dump();
    expect(response.statusCode).toBe(404);
  });

  it('reports master and workers, carries static headers, and leaves no process behind on close', async () => {
    const processes = target.processes();
    expect(processes.map((p) => p.role)).toEqual(['nginx-master', 'nginx-worker', 'nginx-worker']);
    expect(target.description).toMatch(/^nginx \d+\.\d+\.\d+ \(2 workers\) with njs$/);
    expect(await target.requestHeaders()).toEqual({ 'x-run': 'test' });
    await target.close();
    for (const { pid } of processes) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe.skipIf(missing !== undefined)('nginx target with a dead backend', () => {
  it('answers 502 on both routes', async () => {
    const target = await startTarget(nginxSpec(1), backendAt(`http://127.0.0.1:${await deadPort()}`));
    try {
      expect((await post(`${target.baseUrl}/echo`, Buffer.from('{}'))).status).toBe(502);
      expect((await post(`${target.baseUrl}/mediation`, Buffer.from('{}'))).status).toBe(502);
    } finally {
      await target.close();
    }
  });
});

describe('nginx start failures', () => {
  it('a missing binary is GB_NOT_AVAILABLE with an apt-get hint', async () => {
    const spec = { ...nginxSpec(1), binary: '/nonexistent/sbin/nginx' } as TargetSpec;
    await expect(startTarget(spec, backendAt('http://127.0.0.1:9'))).rejects.toMatchObject({
      code: 'GB_NOT_AVAILABLE',
      hint: expect.stringContaining('apt-get install nginx libnginx-mod-http-js'),
    });
  });

  it.skipIf(missing !== undefined)('a config nginx -t rejects fails with its message', async () => {
    const spec = { ...nginxSpec(1), routes: { echo: '/echo {', mediation: '/mediation' } } as TargetSpec;
    await expect(startTarget(spec, backendAt('http://127.0.0.1:9'))).rejects.toMatchObject({
      code: 'GB_TARGET_START_FAILED',
      message: expect.stringMatching(/nginx -t rejected[\s\S]*unexpected "{"[\s\S]*line \d+: location = \/echo {/),
    });
  });
});

describe('nginx config', () => {
  it('keeps state in the prefix, pools backend connections and serves both prefixes', () => {
    const text = renderNginxConfig({
      prefixDir: '/tmp/p',
      njsModulePath: '/m/ngx_http_js_module.so',
      workers: 4,
      port: 8123,
      backendHostPort: '127.0.0.1:9000',
      backendBasePath: '/base',
      echoPrefix: '/echo/1.0.0',
      mediationPrefix: '/med',
    });
    for (const line of [
      'load_module /m/ngx_http_js_module.so;',
      'worker_processes 4;',
      'pid /tmp/p/nginx.pid;',
      'listen 127.0.0.1:8123;',
      'server 127.0.0.1:9000;',
      'keepalive 256;',
      'proxy_set_header Connection "";',
      'location = /echo/1.0.0 {',
      'location /echo/1.0.0/ {',
      'proxy_pass http://gatebench_backend/base/;',
      'location /med/ {',
    ]) {
      expect(text).toContain(line);
    }
  });
});
