/**
 * Mock backend speed, measured against nginx in the same run with the same load generator (wrk):
 *   1. 1 KiB POST echo vs nginx serving a static 1 KiB file, wrk -t1 -c50 -d10s: req/s and their ratio (goal 0.6+).
 *   2. 30 ms sleep, 1000 connections, wrk -t2 -c1000 -d15s --latency: p99 minus 30 ms (goal <= 3 ms) and
 *      throughput as a fraction of connections / sleep (goal >= 0.95).
 * Each figure is printed with the exact command that produced it. A missing wrk or nginx skips its figure.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startMockBackend, type MockBackend } from '../mock-backend/index.js';
import { wso2Payload } from '../src/payload.js';

const BODY_BYTES = 1024;
const SLEEP_MS = 30;
const SLEEP_CONNECTIONS = 1000;

interface WrkResult {
  requestsPerSec: number;
  /** Latency percentiles in ms (only with --latency). */
  percentilesMs: Record<string, number>;
  socketErrors: string;
  non2xx: number;
}

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function which(name: string): Promise<string | undefined> {
  const found = await run('sh', ['-c', `command -v ${name} || ls /usr/sbin/${name} 2>/dev/null`]);
  const path = found.stdout.trim().split('\n')[0];
  return path === '' || path === undefined ? undefined : path;
}

const LATENCY_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses wrk 4's text output. Throws with the output when there is no Requests/sec line. */
export function parseWrk(output: string): WrkResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (rps === null) throw new Error(`wrk printed no Requests/sec line:\n${output}`);
  const percentilesMs: Record<string, number> = {};
  for (const match of output.matchAll(/^\s+(\d+(?:\.\d+)?)%\s+([\d.]+)(us|ms|s|m|h)\s*$/gm)) {
    percentilesMs[match[1]!] = Number(match[2]) * LATENCY_UNITS_MS[match[3]!]!;
  }
  return {
    requestsPerSec: Number(rps[1]),
    percentilesMs,
    socketErrors: /Socket errors:\s*(.*)/.exec(output)?.[1]?.trim() ?? 'none',
    non2xx: Number(/Non-2xx or 3xx responses:\s*(\d+)/.exec(output)?.[1] ?? 0),
  };
}

async function wrk(wrkPath: string, args: string[]): Promise<WrkResult> {
  console.log(`  $ wrk ${args.join(' ')}`);
  const result = await run(wrkPath, args);
  if (result.code !== 0) throw new Error(`wrk failed (exit ${result.code}): ${result.stderr || result.stdout}`);
  const parsed = parseWrk(result.stdout);
  console.log(`    ${parsed.requestsPerSec.toFixed(0)} req/s; socket errors: ${parsed.socketErrors}; non-2xx: ${parsed.non2xx}`);
  if (parsed.non2xx > 0) console.log(`    WARNING: ${parsed.non2xx} non-2xx responses: this req/s is not a valid figure`);
  return parsed;
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

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true));
      socket.once('error', () => resolve(false));
      setTimeout(() => socket.destroy(), 200);
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await delay(50);
  }
}

/** nginx with 1 worker in the foreground, serving `file.json` (1 KiB) from a temp prefix. */
async function startNginx(nginxPath: string, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  for (const sub of ['html', 'tmp', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'html', 'file.json'), wso2Payload(BODY_BYTES));
  for (const path of [dir, join(dir, 'html'), join(dir, 'html', 'file.json')]) chmodSync(path, 0o755);
  const conf = `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  default_type application/json;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  server {
    listen 127.0.0.1:${port};
    location / { root ${dir}/html; }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(nginxPath, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log')], { stdio: 'inherit' });
  await waitForPort(port, 10_000);
  const url = `http://127.0.0.1:${port}`;
  const check = await fetch(`${url}/file.json`);
  const bytes = (await check.arrayBuffer()).byteLength;
  if (check.status !== 200 || bytes !== BODY_BYTES) {
    child.kill('SIGKILL');
    throw new Error(`nginx answered ${check.status} with ${bytes} bytes for /file.json; see ${dir}/logs/error.log`);
  }
  return { url, child };
}

async function stopNginx(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGQUIT'); // graceful stop
  await Promise.race([exited, delay(5000).then(() => child.kill('SIGKILL'))]);
}

async function echoVersusNginx(wrkPath: string, nginxPath: string | undefined, backend: MockBackend, dir: string, script: string): Promise<void> {
  console.log(`\nFigure 1: 1 KiB POST echo (mock backend, 1 worker) vs nginx static 1 KiB file (1 worker)`);
  const backendRun = await wrk(wrkPath, ['-t1', '-c50', '-d10s', '-s', script, `${backend.url}/echo`]);
  if (nginxPath === undefined) {
    console.log('  nginx: not installed (apt-get install nginx); skipping the nginx figure and the ratio');
    return;
  }
  const nginx = await startNginx(nginxPath, join(dir, 'nginx'));
  try {
    const nginxRun = await wrk(wrkPath, ['-t1', '-c50', '-d10s', `${nginx.url}/file.json`]);
    const ratio = backendRun.requestsPerSec / nginxRun.requestsPerSec;
    console.log(`  backend ${backendRun.requestsPerSec.toFixed(0)} req/s, nginx ${nginxRun.requestsPerSec.toFixed(0)} req/s, ratio ${ratio.toFixed(2)} (goal >= 0.6)`);
  } finally {
    await stopNginx(nginx.child);
  }
}

async function sleepAccuracy(wrkPath: string, backend: MockBackend, script: string): Promise<void> {
  console.log(`\nFigure 2: ${SLEEP_MS} ms sleep, ${SLEEP_CONNECTIONS} connections (mock backend, 1 worker)`);
  const limit = (await run('sh', ['-c', 'ulimit -n'])).stdout.trim();
  if (Number(limit) < SLEEP_CONNECTIONS + 100) console.log(`  warning: ulimit -n is ${limit}; ${SLEEP_CONNECTIONS} connections need more (ulimit -n 4096)`);
  await backend.admin.setConfig({ sleepMs: SLEEP_MS });
  await backend.admin.reset();
  const result = await wrk(wrkPath, ['-t2', `-c${SLEEP_CONNECTIONS}`, '-d15s', '--latency', '-s', script, `${backend.url}/echo`]);
  const stats = await backend.admin.getStats();
  const p99 = result.percentilesMs['99'];
  const ideal = SLEEP_CONNECTIONS / (SLEEP_MS / 1000);
  if (p99 === undefined) console.log('  wrk printed no 99% latency line');
  else console.log(`  p99 ${p99.toFixed(2)} ms; p99 - ${SLEEP_MS} ms = ${(p99 - SLEEP_MS).toFixed(2)} ms (goal <= 3 ms)`);
  console.log(
    `  throughput ${result.requestsPerSec.toFixed(0)} req/s of ${ideal.toFixed(0)} (= ${SLEEP_CONNECTIONS} connections / ${SLEEP_MS} ms): ` +
      `${(result.requestsPerSec / ideal).toFixed(3)} (goal >= 0.95)`,
  );
  console.log(
    `  backend side: sleep overshoot p50 ${stats.sleepOvershootMs.p50.toFixed(2)} ms, p99 ${stats.sleepOvershootMs.p99.toFixed(2)} ms; ` +
      `event-loop delay p99 ${stats.eventLoopDelayMs.p99.toFixed(2)} ms; CPU ${(stats.cpu.userMs + stats.cpu.systemMs).toFixed(0)} ms over ${(stats.elapsedMs / 1000).toFixed(1)} s`,
  );
}

export async function runBackendBench(): Promise<void> {
  const wrkPath = await which('wrk');
  if (wrkPath === undefined) {
    console.log('wrk is not installed (apt-get install wrk); skipping the mock backend bench');
    return;
  }
  const nginxPath = await which('nginx');
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-backend-bench-'));
  chmodSync(dir, 0o755); // nginx workers may run as nobody and must reach the files below
  const script = join(dir, 'post-1k.lua');
  writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[${wso2Payload(BODY_BYTES).toString()}]]\n`);
  const backend = await startMockBackend({ workers: 1 });
  console.log(`mock backend ${backend.url} (in-process, 1 worker, pid ${backend.pids().join(',')}); wrk ${wrkPath}; nginx ${nginxPath ?? 'missing'}`);
  console.log(`note: figures depend on the machine and its other load; wrk runs on the same host`);
  try {
    await echoVersusNginx(wrkPath, nginxPath, backend, dir, script);
    await sleepAccuracy(wrkPath, backend, script);
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
