import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { MockBackendAdmin, spareCoreWorkers } from '../../mock-backend/index.js';
import { backendOptionsFromFlags } from '../../src/cli/commands/backend.js';
import { waitFor } from './raw-http.js';
import { cliArgv } from '../helpers/run-cli.js';

/** Spawns `gatebench backend` from source and resolves once it prints its URLs. */
async function startCli(args: string[]) {
  const child = spawn(process.execPath, cliArgv(['backend', '--port', '0', '--admin-port', '0', ...args]), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  const started = await Promise.race([
    waitFor(async () => /echo (\S+) admin (\S+)/.exec(output), (match) => match !== null, 30_000),
    exited.then(() => {
      throw new Error(`gatebench backend exited early:\n${output}`);
    }),
  ]);
  return { child, url: started![1]!, admin: new MockBackendAdmin(started![2]!), exited, output: () => output };
}

describe('backend flags', () => {
  const defaults = { port: '8688', host: '127.0.0.1', adminPort: '8689', adminHost: '127.0.0.1', workers: '1' };

  it('turns flags into options; flags win over --config', () => {
    const options = backendOptionsFromFlags({ ...defaults, sleepMs: '1s', responseSize: '10KiB', config: '{"sleepMs":5,"stallRate":0.5}' });
    expect(options).toMatchObject({ port: 8688, adminPort: 8689, workers: 1, sleepMs: 1000, responseSizeBytes: 10240, stallRate: 0.5 });
    expect(backendOptionsFromFlags({ ...defaults, config: '{"sleepMs":5}' }).sleepMs).toBe(5);
    expect(backendOptionsFromFlags({ ...defaults, workers: 'auto' }).workers).toBe(spareCoreWorkers());
  });

  it('--workers auto takes a third of the idle cores, at least one', () => {
    expect(spareCoreWorkers(16, 1)).toBe(5);
    expect(spareCoreWorkers(16, 12)).toBe(1);
    expect(spareCoreWorkers(2, 0)).toBe(1);
    expect(spareCoreWorkers(4, 9)).toBe(1);
  });

  it('names the bad flag', () => {
    expect(() => backendOptionsFromFlags({ ...defaults, port: 'http' })).toThrow(/--port/);
    expect(() => backendOptionsFromFlags({ ...defaults, config: '{oops' })).toThrow(/--config/);
  });
});

describe('gatebench backend', () => {
  it.each([1, 2])('drains in-flight requests on SIGTERM and exits 0 (workers %i)', async (workers) => {
    const cli = await startCli(['--workers', String(workers), '--sleep-ms', '400ms']);
    expect((await cli.admin.getConfig()).sleepMs).toBe(400);
    const started = performance.now();
    const inFlight = request(cli.url + '/drain', { method: 'POST', body: 'still answered' });
    await waitFor(() => cli.admin.getStats(), (stats) => stats.pendingSleeps === 1);
    cli.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.statusCode).toBe(200);
    expect(response.headers.connection).toBe('close');
    expect(await response.body.text()).toBe('still answered');
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    const [code, signal] = await cli.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(cli.output()).toMatch(/SIGTERM, draining[\s\S]*stopped/);
    await expect(request(cli.url + '/')).rejects.toThrow();
  });

  it('refuses a bad flag with exit code 2 and the flag named', async () => {
    const child = spawn(process.execPath, cliArgv(['backend', '--workers', 'many']), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toMatch(/--workers/);
  });
});
