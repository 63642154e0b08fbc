/**
 * Mock backend speed, measured against nginx in the same run with the same load generator (wrk):
 *   1. 1 KiB POST echo vs nginx serving a static 1 KiB file, wrk -t1 -c50 -d10s: req/s and their ratio (goal 0.6+).
 *   2. 30 ms sleep, 1000 connections, wrk -t2 -c1000 -d15s --latency: p99 minus 30 ms (goal <= 3 ms) and
 *      throughput as a fraction of connections / sleep (goal >= 0.95).
 * Each figure is printed with the exact command that produced it. A missing wrk or nginx skips its figure.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBackend, type MockBackend } from '../mock-backend/index.js';
import { wso2Payload } from '../src/payload.js';
import { startStaticNginx, STATIC_BODY_BYTES, stopStaticNginx } from './nginx-static.js';
import { run, which } from './tools.js';
import { runWrk } from './wrk.js';

const BODY_BYTES = STATIC_BODY_BYTES;
const SLEEP_MS = 30;
const SLEEP_CONNECTIONS = 1000;

async function echoVersusNginx(wrkPath: string, nginxPath: string | undefined, backend: MockBackend, dir: string, script: string): Promise<void> {
  console.log(`\nFigure 1: 1 KiB POST echo (mock backend, 1 worker) vs nginx static 1 KiB file (1 worker)`);
  const backendRun = await runWrk(wrkPath, ['-t1', '-c50', '-d10s', '-s', script, `${backend.url}/echo`]);
  if (nginxPath === undefined) {
    console.log('  nginx: not installed (apt-get install nginx); skipping the nginx figure and the ratio');
    return;
  }
  const nginx = await startStaticNginx(nginxPath, join(dir, 'nginx'), 'file.json');
  try {
    const nginxRun = await runWrk(wrkPath, ['-t1', '-c50', '-d10s', nginx.url]);
    const ratio = backendRun.requestsPerSec / nginxRun.requestsPerSec;
    console.log(`  backend ${backendRun.requestsPerSec.toFixed(0)} req/s, nginx ${nginxRun.requestsPerSec.toFixed(0)} req/s, ratio ${ratio.toFixed(2)} (goal >= 0.6)`);
  } finally {
    await stopStaticNginx(nginx);
  }
}

async function sleepAccuracy(wrkPath: string, backend: MockBackend, script: string): Promise<void> {
  console.log(`\nFigure 2: ${SLEEP_MS} ms sleep, ${SLEEP_CONNECTIONS} connections (mock backend, 1 worker)`);
  const limit = (await run('sh', ['-c', 'ulimit -n'])).stdout.trim();
  if (Number(limit) < SLEEP_CONNECTIONS + 100) console.log(`  warning: ulimit -n is ${limit}; ${SLEEP_CONNECTIONS} connections need more (ulimit -n 4096)`);
  await backend.admin.setConfig({ sleepMs: SLEEP_MS });
  await backend.admin.reset();
  const result = await runWrk(wrkPath, ['-t2', `-c${SLEEP_CONNECTIONS}`, '-d15s', '--latency', '-s', script, `${backend.url}/echo`]);
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
