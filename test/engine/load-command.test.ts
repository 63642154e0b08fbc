import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadOptionsFromFlags, type LoadFlags } from '../../src/cli/commands/load.js';
import type { PointResult } from '../../src/results/types.js';
import { validateLoadOptions } from '../../src/engine/index.js';
import { GatebenchError } from '../../src/errors.js';
import { testLoadOptions } from './load-options.js';
import { startTestServer } from './servers.js';

const DEFAULT_FLAGS: LoadFlags = { duration: '10s', warmup: '2s', rampUp: '0', thinkTime: '0', header: [], workers: '0', timeout: '30s', drainTimeout: '5s', expectStatus: '2' };

describe('gatebench load', () => {
  it('turns flags into LoadOptions with an exact WSO2 body', () => {
    const options = loadOptionsFromFlags('http://127.0.0.1:9/x', { ...DEFAULT_FLAGS, connections: '20', duration: '3s', bodySize: '1KiB', header: ['X-Trace: abc'], workers: '2' });
    expect(options.model).toEqual({ kind: 'closed', users: 20, rampUpMs: 0, thinkTimeMs: 0 });
    expect(options.request.method).toBe('POST');
    expect(options.request.body?.byteLength).toBe(1024);
    expect(options.request.headers).toEqual({ 'x-trace': 'abc', 'content-type': 'application/json' });
    expect(options.durationMs).toBe(3000);
    expect(options.warmupMs).toBe(2000);
    expect(options.workers).toBe(2);
    const open = loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, rate: '500/s' });
    expect(open.model).toEqual({ kind: 'open', rateRps: 500, maxInFlight: 1000 });
    expect(open.client).toBe('raw');
    expect(loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, client: 'undici' }).client).toBe('undici');
  });

  it('names the flag when a value is wrong', () => {
    expect(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, duration: 'soon' })).toThrow(/-d\/--duration: "soon" is not a duration/);
    expect(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, duration: '10' })).toThrow('-d/--duration: 10 has no unit; write 10s or 10ms');
    expect(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, timeout: '30' })).toThrow('--timeout: 30 has no unit; write 30s or 30ms');
    // The user's words, not the engine's (request.url, checks.statusClass)
    expect(() => loadOptionsFromFlags('ftp://127.0.0.1/', DEFAULT_FLAGS)).toThrow('<url> must be http:// or https://, got ftp:');
    expect(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, expectStatus: '7' })).toThrow(/--expect-status must be a whole number from 1 to 5/);
    expect(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, connections: '0' })).toThrow(/-c\/--connections/);
    expect(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, header: ['nocolon'] })).toThrow(GatebenchError);
    expect(() => loadOptionsFromFlags('http://127.0.0.1:9/', { ...DEFAULT_FLAGS, client: 'curl' })).toThrow(/load: --client "curl" is not a client; use raw or undici/);
  });

  it('reports every invalid option at once', () => {
    const options = testLoadOptions('ftp://127.0.0.1/', { durationMs: 0, model: { kind: 'closed', users: 0, rampUpMs: -1, thinkTimeMs: 0 } });
    expect(() => validateLoadOptions(options)).toThrow(/request\.url[\s\S]*model\.users[\s\S]*model\.rampUpMs[\s\S]*durationMs/);
  });

  it('prints the point JSON with --json (spawned from source)', async () => {
    const server = await startTestServer((_request, response) => response.end('ok'));
    try {
      const args = ['--import', 'tsx', 'test/helpers/cli.ts', 'load', server.url, '-c', '2', '-d', '1s', '--warmup', '200ms', '--max-requests', '500', '--json'];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      // Only generator warnings may reach stderr (a busy shared machine can saturate the generator).
      expect(stderr.split('\n').filter((line) => line !== '' && !line.startsWith('WARNING: generator saturated'))).toEqual([]);
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as PointResult;
      expect(result.schemaVersion).toBe(1);
      expect(result.model).toBe('closed');
      expect(result.warmup.requests + result.requests + (result.drain?.completed ?? 0)).toBe(server.responses);
      expect(result.requests + result.warmup.requests).toBeLessThanOrEqual(500);
    } finally {
      await server.close();
    }
  });
});
