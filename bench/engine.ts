/**
 * Load-engine speed, measured against peers in the same run (never in tests):
 *   1. nginx (1 worker) serving a static 1 KiB file, 50 connections, 10 s each, alternating rounds of
 *      wrk -t1, autocannon and `gatebench load --workers 1`: req/s and the ratios (goals 0.7+ of wrk, 1.0+ of autocannon).
 *   2. The mock backend with a 30 ms sleep, 200 connections: gatebench's throughput and mean latency against
 *      wrk's (goal: each within 5 %).
 * Every tool runs as its own process on the same host; each figure is printed with its command.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startMockBackend } from '../mock-backend/index.js';
import type { PointResult } from '../src/engine/types.js';
import { wso2Payload } from '../src/payload.js';
import { parseWrk } from './backend.js';

const ROUNDS = 2;
const CONNECTIONS = 50;
const DURATION_S = 10;
const SLEEP_MS = 30;
const SLEEP_CONNECTIONS = 200;

/** The repository root, from bench/ (tsx) or dist/bench/ (compiled). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function which(name: string): Promise<string | undefined> {
  const found = await run('sh', ['-c', `command -v ${name} || ls /usr/sbin/${name} 2>/dev/null`]);
  const path = found.stdout.trim().split('\n')[0];
  return path === '' || path === undefined ? undefined : path;
}

function show(command: string, args: string[]): void {
  console.log(`  $ ${[command, ...args].join(' ')}`);
}

async function wrkRun(wrkPath: string, args: string[]): Promise<{ rps: number; meanMs: number | undefined }> {
  show('wrk', args);
  const result = await run(wrkPath, args);
  if (result.code !== 0) throw new Error(`wrk failed (exit ${result.code}): ${result.stderr || result.stdout}`);
  const parsed = parseWrk(result.stdout);
  const mean = /Latency\s+([\d.]+)(us|ms|s)/.exec(result.stdout);
  const meanMs = mean === null ? undefined : Number(mean[1]) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[mean[2]!]!;
  console.log(`    ${parsed.requestsPerSec.toFixed(0)} req/s, mean ${meanMs?.toFixed(2) ?? '?'} ms; socket errors: ${parsed.socketErrors}; non-2xx: ${parsed.non2xx}`);
  return { rps: parsed.requestsPerSec, meanMs };
}

async function autocannonRun(root: string, url: string): Promise<number> {
  const bin = join(root, 'node_modules', '.bin', 'autocannon');
  const args = ['-c', String(CONNECTIONS), '-d', String(DURATION_S), '--json', url];
  show('node_modules/.bin/autocannon', args);
  const result = await run(bin, args);
  if (result.code !== 0) throw new Error(`autocannon failed (exit ${result.code}): ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { requests: { total: number; average: number }; duration: number; errors: number; non2xx: number };
  const rps = parsed.requests.total / parsed.duration;
  console.log(`    ${rps.toFixed(0)} req/s (${parsed.requests.total} in ${parsed.duration.toFixed(2)} s); errors ${parsed.errors}; non-2xx ${parsed.non2xx}`);
  return rps;
}

async function gatebenchRun(root: string, url: string, connections: number): Promise<PointResult> {
  const args = ['bin/gatebench.js', 'load', url, '-c', String(connections), '-d', `${DURATION_S}s`, '--warmup', '0', '--workers', '1', '--json'];
  show('node', args);
  const result = await run(process.execPath, args.map((arg, index) => (index === 0 ? join(root, arg) : arg)));
  if (result.code !== 0) throw new Error(`gatebench load failed (exit ${result.code}): ${result.stderr}`);
  const point = JSON.parse(result.stdout) as PointResult;
  console.log(
    `    ${point.throughputRps.toFixed(0)} req/s, mean ${point.latencyMs.mean.toFixed(2)} ms; errors ${point.errors}; ` +
      `generator CPU ${point.generator.cpuPct.toFixed(0)}%${point.generator.saturated ? ` (saturated: ${point.generator.saturationReasons.join('; ')})` : ''}`,
  );
  return point;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** nginx, 1 worker, daemon off, on 127.0.0.1, serving a 1 KiB file from a temp prefix. */
async function startStaticNginx(nginxPath: string, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  for (const sub of ['html', 'tmp', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'html', '1k.json'), wso2Payload(1024));
  for (const path of [dir, join(dir, 'html'), join(dir, 'html', '1k.json')]) chmodSync(path, 0o755);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${dir}/tmp/${name};`).join('\n');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log warn;\nevents { worker_connections 4096; }\n` +
      `http {\n  access_log off;\n  keepalive_requests 10000000;\n  keepalive_timeout 300s;\n${temp}\n` +
      `  server { listen 127.0.0.1:${port}; location / { root ${dir}/html; } }\n}\n`,
  );
  const child = spawn(nginxPath, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log')], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 100; attempt++) {
    const probe = await run('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]).catch(() => ({ code: 1 }));
    if (probe.code === 0) break;
    await delay(100);
  }
  return { url: `http://127.0.0.1:${port}/1k.json`, child };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGQUIT');
  await Promise.race([exited, delay(5000).then(() => child.kill('SIGKILL'))]);
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

async function versusStaticNginx(root: string, wrkPath: string, nginxPath: string): Promise<void> {
  console.log(`\nFigure 1: nginx static 1 KiB (1 worker), ${CONNECTIONS} connections, ${DURATION_S} s per run, ${ROUNDS} alternating rounds`);
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-engine-bench-'));
  const nginx = await startStaticNginx(nginxPath, dir);
  const figures = { wrk: [] as number[], autocannon: [] as number[], gatebench: [] as number[] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(` round ${round}`);
      figures.wrk.push((await wrkRun(wrkPath, ['-t1', `-c${CONNECTIONS}`, `-d${DURATION_S}s`, nginx.url])).rps);
      figures.autocannon.push(await autocannonRun(root, nginx.url));
      figures.gatebench.push((await gatebenchRun(root, nginx.url, CONNECTIONS)).throughputRps);
    }
  } finally {
    await stopProcess(nginx.child);
    rmSync(dir, { recursive: true, force: true });
  }
  const [wrkRps, autocannonRps, gatebenchRps] = [mean(figures.wrk), mean(figures.autocannon), mean(figures.gatebench)];
  console.log(`  mean req/s: wrk ${wrkRps.toFixed(0)}, autocannon ${autocannonRps.toFixed(0)}, gatebench ${gatebenchRps.toFixed(0)}`);
  console.log(`  gatebench / wrk = ${(gatebenchRps / wrkRps).toFixed(2)} (goal >= 0.7); gatebench / autocannon = ${(gatebenchRps / autocannonRps).toFixed(2)} (goal >= 1.0)`);
}

async function versusWrkWithSleep(root: string, wrkPath: string): Promise<void> {
  console.log(`\nFigure 2: mock backend with a ${SLEEP_MS} ms sleep (own process), ${SLEEP_CONNECTIONS} connections, ${DURATION_S} s per run`);
  const backend = await startMockBackend({ sleepMs: SLEEP_MS, workers: 1, isolate: true });
  try {
    const url = `${backend.url}/echo`;
    const wrk = await wrkRun(wrkPath, ['-t1', `-c${SLEEP_CONNECTIONS}`, `-d${DURATION_S}s`, url]);
    const point = await gatebenchRun(root, url, SLEEP_CONNECTIONS);
    const rpsRatio = point.throughputRps / wrk.rps;
    console.log(`  throughput: gatebench ${point.throughputRps.toFixed(0)} vs wrk ${wrk.rps.toFixed(0)} req/s, ratio ${rpsRatio.toFixed(3)} (goal within 5 %)`);
    if (wrk.meanMs !== undefined) {
      console.log(`  mean latency: gatebench ${point.latencyMs.mean.toFixed(2)} vs wrk ${wrk.meanMs.toFixed(2)} ms, ratio ${(point.latencyMs.mean / wrk.meanMs).toFixed(3)} (goal within 5 %)`);
    }
  } finally {
    await backend.close();
  }
}

export async function runEngineBench(): Promise<void> {
  const root = repoRoot();
  const [wrkPath, nginxPath] = [await which('wrk'), await which('nginx')];
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) {
    console.log('dist/ is missing: run `npm run build` first (npm run bench does)');
    return;
  }
  if (wrkPath === undefined) {
    console.log('wrk is not installed (apt-get install wrk); skipping the engine bench');
    return;
  }
  console.log('note: every tool runs on this host, beside nginx / the mock backend; figures depend on the machine and its other load');
  if (nginxPath === undefined) console.log('nginx is not installed (apt-get install nginx); skipping figure 1');
  else await versusStaticNginx(root, wrkPath, nginxPath);
  await versusWrkWithSleep(root, wrkPath);
}
