import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun } from '../../src/store/read-run.js';

/**
 * The package as users run it: `bin/gatebench.js` -> dist/, with the worker-thread generator, the cluster
 * gateway and the cluster backend started from the compiled files (every other test runs from source).
 * The backend is started by the compiled CLI too, so its own /stats counts what really arrived.
 */
const repoRoot = resolve(import.meta.dirname, '..', '..');
const bin = join(repoRoot, 'bin', 'gatebench.js');
const run = promisify(execFile);

/** The newest modification time under a folder (source files only). */
function newestMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let backend: ChildProcess | undefined;

afterAll(async () => {
  if (backend && backend.exitCode === null) {
    backend.kill('SIGTERM');
    await once(backend, 'exit');
  }
});

describe('the compiled package (node bin/gatebench.js)', () => {
  let backendUrl = '';
  let adminUrl = '';

  beforeAll(async () => {
    // `npm test` builds first; build here when dist/ is missing or older than the sources (a focused run).
    const compiled = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
    const sourcesMs = Math.max(newestMs(join(repoRoot, 'src')), newestMs(join(repoRoot, 'mock-backend')));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < sourcesMs) {
      await run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'tsconfig.json')], { cwd: repoRoot });
    }
    backend = spawn(process.execPath, [bin, 'backend', '--port', '0', '--admin-port', '0', '--workers', '2'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    backend.stdout!.setEncoding('utf8');
    await new Promise<void>((resolveStarted, reject) => {
      backend!.on('exit', (code) => reject(new Error(`gatebench backend exited with ${code}: ${output}`)));
      backend!.stdout!.on('data', (chunk: string) => {
        output += chunk;
        const match = /echo (http:\/\/127\.0\.0\.1:\d+) admin (http:\/\/127\.0\.0\.1:\d+) workers 2 pids \d+,\d+/.exec(output);
        if (match) {
          [backendUrl, adminUrl] = [match[1]!, match[2]!];
          resolveStarted();
        }
      });
    });
  }, 240_000);

  it('runs a sweep with 2 generator workers, a 2-worker gateway and a 2-worker backend; the backend counted every request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-compiled-'));
    const scenarioFile = join(dir, 'compiled.yaml');
    await writeFile(
      scenarioFile,
      [
        'name: compiled-package',
        'target: { kind: embedded, workers: 2 }',
        `backend: { kind: external-mock, url: ${backendUrl}, adminUrl: ${adminUrl} }`,
        'generator: { workers: 2 }',
        'sweep:',
        '  messageSizes: [100B]',
        '  backendSleeps: [0ms, 5ms]',
        '  concurrency: [4]',
        'timing: { warmup: 1s, duration: 1500ms, pause: 0s, timeout: 5s }',
        '',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, [bin, 'run', scenarioFile, '--out', join(dir, 'results'), '--no-report'], { cwd: repoRoot, timeout: 180_000 });
    const stored = await readRun(join(dir, 'results'));
    expect(stored.manifest.status, stdout).toBe('complete');
    expect(stored.manifest.targetDescription).toContain('2 worker processes');
    expect(stored.points.map((point) => point.point.pointId)).toEqual(['echo-100B-0ms-c4-r1', 'echo-100B-5ms-c4-r1']);

    let sent = 0;
    let measured = 0;
    for (const { point, result } of stored.points) {
      expect(result.generator.workers, point.pointId).toBe(2);
      // On a busy machine a cold cluster may answer its first requests only late in the warm-up.
      expect(result.warmup.requests + result.requests, point.pointId).toBeGreaterThan(0);
      measured += result.requests;
      expect(result.errors, point.pointId).toBe(0);
      expect(result.drain?.abandoned ?? 0, point.pointId).toBe(0);
      sent += result.warmup.requests + result.requests + (result.drain?.completed ?? 0);
    }
    expect(measured).toBeGreaterThan(0);
    // Before the first point the run sends one preflight request per route and primes each route: the manifest
    // records both, so the backend's count is fully accounted for.
    const preflight = stored.manifest.preflight;
    expect(preflight?.skipped).toBe(false);
    const preflightRequests = preflight?.skipped === false ? preflight.checks.length : 0;
    const primingRequests = (stored.manifest.priming?.routes ?? []).reduce((sum, route) => sum + route.requests, 0);
    expect(preflightRequests).toBeGreaterThan(0);
    sent += preflightRequests + primingRequests;
    // The backend's own counters (both workers summed): every request the engine, the preflight and the priming counted arrived, and nothing else.
    const stats = (await (await fetch(`${adminUrl}/stats`)).json()) as { requests: number; workers: number; perWorker: Array<{ requests: number }> };
    expect(stats.workers).toBe(2);
    expect(stats.perWorker.reduce((sum, worker) => sum + worker.requests, 0)).toBe(stats.requests);
    expect(stats.requests).toBe(sent);
  }, 240_000);
});
