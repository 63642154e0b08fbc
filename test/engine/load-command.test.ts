import { describe, expect, it } from 'vitest';
import { loadOptionsFromFlags, type LoadFlags } from '../../src/cli/commands/load.js';
import type { PointResult } from '../../src/results/types.js';
import { validateLoadOptions } from '../../src/engine/index.js';
import { GatebenchError } from '../../src/errors.js';
import { testLoadOptions } from './load-options.js';
import { startTestServer } from './servers.js';
import { runCli } from '../helpers/run-cli.js';

const DEFAULT_FLAGS: LoadFlags = { duration: '10s', warmup: '2s', rampUp: '0', thinkTime: '0', header: [], workers: '0', timeout: '30s', drainTimeout: '5s', expectStatus: '2' };

const spawnCli = (args: string[]) => runCli(args);

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
    // A 10 ms answer keeps 2 connections near 300 requests in 1.2 s, under the 500 cap, so the window has samples.
    const server = await startTestServer((_request, response) => setTimeout(() => response.end('ok'), 10));
    try {
      const { code, stdout, stderr } = await spawnCli(['load', server.url, '-c', '2', '-d', '1s', '--warmup', '200ms', '--max-requests', '500', '--json']);
      // Only warnings may reach stderr: the short-window one, and generator ones on a busy shared machine.
      expect(stderr.split('\n').filter((line) => line !== '' && !line.startsWith('WARNING: generator saturated') && !line.startsWith('warning: the measured window'))).toEqual([]);
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as PointResult;
      expect(result.schemaVersion).toBe(2);
      expect(result.model).toBe('closed');
      expect(result.requests).toBeGreaterThan(0);
      expect(result.warmup.requests + result.requests + (result.drain?.completed ?? 0)).toBe(server.responses);
      expect(result.requests + result.warmup.requests).toBeLessThanOrEqual(500);
    } finally {
      await server.close();
    }
  });

  it('says the cap ran out in the warm-up instead of calling a live target dead (exit 2)', async () => {
    const server = await startTestServer((_request, response) => response.end('ok'));
    try {
      // 20 requests against a local server end long before the 2 s warm-up does.
      const { code, stderr } = await spawnCli(['load', server.url, '-c', '2', '-d', '1s', '--warmup', '2s', '--max-requests', '20', '--json']);
      expect(code).toBe(2);
      expect(stderr).toContain('--max-requests 20 ran out during the 2000 ms warm-up, so nothing was measured');
      expect(stderr).not.toContain('no HTTP response');
      expect(server.responses).toBe(20);
    } finally {
      await server.close();
    }
  });
});
