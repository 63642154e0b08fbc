/**
 * Mock backend speed, measured against nginx in the same run with the same load generator (wrk):
 *   1. 1 KiB POST echo vs nginx serving a static 1 KiB file, wrk -t1 -c50 -d10s: req/s and their ratio (goal 0.6+).
 *   2. 30 ms sleep, 1000 connections, wrk -t2 -c1000 -d15s --latency: p99 minus 30 ms (goal <= 3 ms) and
 *      throughput as a fraction of connections / sleep (goal >= 0.95); when a goal is missed, one line says what
 *      limits it (the backend process's CPU, from its own stats).
 *   2b. The same run with --workers 2 and 4 (cluster), each only where the host has workers + 2 cores.
 * Each figure is printed with the exact command that produced it. A missing wrk or nginx skips its figure.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBackend, type MockBackend } from '../mock-backend/index.js';
import { openFileLimits } from '../src/engine/fd-limit.js';
import { wso2Payload } from '../src/payload.js';
import { startStaticNginx, STATIC_BODY_BYTES, stopStaticNginx } from './nginx-static.js';
import { which } from './tools.js';
import { runWrk } from './wrk.js';

const BODY_BYTES = STATIC_BODY_BYTES;
const SLEEP_MS = 30;
const SLEEP_CONNECTIONS = 1000;
/** Figure 2b's worker counts: how many workers the 1000-user sweep points need. */
const WORKER_COUNTS = [2, 4];

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

interface SleepFigure {
  p99Ms: number | undefined;
  fraction: number;
  /** CPU of the busiest echo worker as a fraction of one core, from the backend's own stats. */
  busiestWorkerCpu: number;
  cpuMs: number;
  elapsedMs: number;
  loopDelayP99Ms: number;
}

/** One 30 ms / 1000-connection run against `backend` (already started): prints and returns its figures. */
async function sleepRun(wrkPath: string, backend: MockBackend, script: string): Promise<SleepFigure> {
  await backend.admin.setConfig({ sleepMs: SLEEP_MS });
  await backend.admin.reset();
  const result = await runWrk(wrkPath, ['-t2', `-c${SLEEP_CONNECTIONS}`, '-d15s', '--latency', '-s', script, `${backend.url}/echo`]);
  const stats = await backend.admin.getStats();
  const p99 = result.percentilesMs['99'];
  const ideal = SLEEP_CONNECTIONS / (SLEEP_MS / 1000);
  const fraction = result.requestsPerSec / ideal;
  if (p99 === undefined) console.log('  wrk printed no 99% latency line');
  else console.log(`  p99 ${p99.toFixed(2)} ms; p99 - ${SLEEP_MS} ms = ${(p99 - SLEEP_MS).toFixed(2)} ms (goal <= 3 ms)`);
  console.log(
    `  throughput ${result.requestsPerSec.toFixed(0)} req/s of ${ideal.toFixed(0)} (= ${SLEEP_CONNECTIONS} connections / ${SLEEP_MS} ms): ` +
      `${fraction.toFixed(3)} (goal >= 0.95)`,
  );
  const cpuMs = stats.cpu.userMs + stats.cpu.systemMs;
  const busiestWorkerCpu = Math.max(...stats.perWorker.map((worker) => (worker.cpuUserMs + worker.cpuSystemMs) / stats.elapsedMs));
  console.log(
    `  backend side (${stats.workers} worker${stats.workers === 1 ? '' : 's'}): sleep overshoot p50 ${stats.sleepOvershootMs.p50.toFixed(2)} ms, p99 ${stats.sleepOvershootMs.p99.toFixed(2)} ms; ` +
      `event-loop delay p99 ${stats.eventLoopDelayMs.p99.toFixed(2)} ms; CPU ${cpuMs.toFixed(0)} ms over ${(stats.elapsedMs / 1000).toFixed(1)} s; ` +
      `busiest worker ${(busiestWorkerCpu * 100).toFixed(0)} % of one core`,
  );
  return { p99Ms: p99, fraction, busiestWorkerCpu, cpuMs, elapsedMs: stats.elapsedMs, loopDelayP99Ms: stats.eventLoopDelayMs.p99 };
}

/** One plain line on what limits the 1-worker figure, when it misses a goal. */
function explainLimit(figure: SleepFigure): void {
  const missed = figure.fraction < 0.95 || figure.p99Ms === undefined || figure.p99Ms - SLEEP_MS > 3;
  if (!missed) return;
  const cpu = `the backend process used ${(figure.busiestWorkerCpu * 100).toFixed(0)} % of one core (${(figure.cpuMs / 1000).toFixed(1)} s CPU over ${(figure.elapsedMs / 1000).toFixed(1)} s)`;
  if (figure.busiestWorkerCpu >= 0.9) {
    console.log(`  limit: ${cpu}: its one event loop is saturated, so requests queue behind each other; more workers (--workers N, Figure 2b) carry this load`);
  } else if (figure.loopDelayP99Ms > 3) {
    console.log(
      `  limit: ${cpu} while its event loop ran late (p99 ${figure.loopDelayP99Ms.toFixed(1)} ms): it was waiting for a core the host gave to wrk or other load; ` +
        `run on a host with a free core for the backend`,
    );
  } else {
    console.log(`  limit: ${cpu} and its event loop was on time: the limit is outside the backend (wrk or the host's other load)`);
  }
}

async function sleepAccuracy(wrkPath: string, backend: MockBackend, script: string): Promise<void> {
  console.log(`\nFigure 2: ${SLEEP_MS} ms sleep, ${SLEEP_CONNECTIONS} connections (mock backend, 1 worker)`);
  const limit = openFileLimits()?.soft;
  if (limit !== undefined && limit < SLEEP_CONNECTIONS + 100) console.log(`  warning: ulimit -n is ${limit}; ${SLEEP_CONNECTIONS} connections need more (ulimit -n 4096)`);
  explainLimit(await sleepRun(wrkPath, backend, script));
}

/** Figure 2b: the same run on N cluster workers, where the host has cores for N workers, wrk's 2 threads. */
async function sleepAccuracyWorkers(wrkPath: string, script: string): Promise<void> {
  const cores = availableParallelism();
  for (const workers of WORKER_COUNTS) {
    console.log(`\nFigure 2b: ${SLEEP_MS} ms sleep, ${SLEEP_CONNECTIONS} connections (mock backend, --workers ${workers})`);
    if (cores < workers + 2) {
      console.log(`  skipped: this host has ${cores} cores; ${workers} workers and wrk's 2 threads need ${workers + 2}, or the figure would measure CPU contention`);
      continue;
    }
    const backend = await startMockBackend({ workers });
    try {
      await sleepRun(wrkPath, backend, script);
    } finally {
      await backend.close();
    }
  }
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
  }
  try {
    await sleepAccuracyWorkers(wrkPath, script);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
