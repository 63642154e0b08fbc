import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../engine/servers.js';
import { runCli } from '../helpers/run-cli.js';

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, env);

describe('run --dry-run', () => {
  let dir: string;
  let gateway: TestServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatebench-dry-'));
    gateway = await startTestServer((_request, response) => response.end('{}'));
  });
  afterAll(async () => {
    await gateway.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('validates, resolves ${ENV}, prints the plan and exits 0 without sending a byte or writing a run', async () => {
    const file = join(dir, 'dry.yaml');
    await writeFile(file, ['target: { baseUrl: "http://${GB_DRY_HOST}" }', 'backend: own', 'sweep: { messageSizes: [1KiB], concurrency: [5, 10], mediation: [off, on] }', 'timing: { warmup: 2s, duration: 10s, pause: 1s }'].join('\n'));
    const out = join(dir, 'out');
    const result = await cli(['run', file, '--dry-run', '--out', out], { GB_DRY_HOST: `127.0.0.1:${gateway.port}` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('points:   4, in as written order');
    expect(result.stdout).toContain(`target:   external gateway at http://127.0.0.1:${gateway.port}`);
    expect(result.stdout).toContain('your own backend: its sleep cannot be set');
    // 3 s start-up + 4 x (2 s + 10 s + 0.3 s) + 3 x 1 s = 55.2 s
    expect(result.stdout).toContain('wall time: about 55 s');
    expect(result.stdout).toContain('  1  echo-1KiB-0ms-c5-r1');
    expect(gateway.bodyLengths).toEqual([]);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('exits 2 naming an unset variable', async () => {
    const file = join(dir, 'unset.yaml');
    await writeFile(file, ['target: { baseUrl: "http://${GB_DRY_UNSET_HOST}" }', 'sweep: { messageSizes: [1KiB], concurrency: [5] }'].join('\n'));
    const result = await cli(['run', file, '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('environment variable GB_DRY_UNSET_HOST is not set');
  });
});
