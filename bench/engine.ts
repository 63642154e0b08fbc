/**
 * Load-engine speed, measured against peers in the same run (never in tests):
 *   1. nginx (1 worker) serving a static 1 KiB file, 50 connections, 10 s each, alternating rounds of
 *      wrk -t1, autocannon and `gatebench load --workers 1`: req/s and the ratios (goals 0.7+ of wrk, 1.0+ of autocannon).
 *   2. The mock backend with a 30 ms sleep, 200 connections: gatebench's throughput and mean latency against
 *      wrk's (goal: each within 5 %).
 * Every tool runs as its own process on the same host; each figure is printed with its command.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBackend } from '../mock-backend/index.js';
import type { PointResult } from '../src/results/types.js';
import { packageRoot } from '../src/runtime/version.js';
import { startStaticNginx, stopStaticNginx } from './nginx-static.js';
import { run, show, which } from './tools.js';
import { runWrk } from './wrk.js';

const ROUNDS = 2;
const CONNECTIONS = 50;
const DURATION_S = 10;
const SLEEP_MS = 30;
const SLEEP_CONNECTIONS = 200;

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

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

async function versusStaticNginx(root: string, wrkPath: string, nginxPath: string): Promise<void> {
  console.log(`\nFigure 1: nginx static 1 KiB (1 worker), ${CONNECTIONS} connections, ${DURATION_S} s per run, ${ROUNDS} alternating rounds`);
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-engine-bench-'));
  const nginx = await startStaticNginx(nginxPath, dir, '1k.json');
  const figures = { wrk: [] as number[], autocannon: [] as number[], gatebench: [] as number[] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(` round ${round}`);
      figures.wrk.push((await runWrk(wrkPath, ['-t1', `-c${CONNECTIONS}`, `-d${DURATION_S}s`, nginx.url])).requestsPerSec);
      figures.autocannon.push(await autocannonRun(root, nginx.url));
      figures.gatebench.push((await gatebenchRun(root, nginx.url, CONNECTIONS)).throughputRps);
    }
  } finally {
    await stopStaticNginx(nginx);
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
    const wrk = await runWrk(wrkPath, ['-t1', `-c${SLEEP_CONNECTIONS}`, `-d${DURATION_S}s`, url]);
    const point = await gatebenchRun(root, url, SLEEP_CONNECTIONS);
    const rpsRatio = point.throughputRps / wrk.requestsPerSec;
    console.log(`  throughput: gatebench ${point.throughputRps.toFixed(0)} vs wrk ${wrk.requestsPerSec.toFixed(0)} req/s, ratio ${rpsRatio.toFixed(3)} (goal within 5 %)`);
    if (wrk.meanLatencyMs !== undefined) {
      console.log(`  mean latency: gatebench ${point.latencyMs.mean.toFixed(2)} vs wrk ${wrk.meanLatencyMs.toFixed(2)} ms, ratio ${(point.latencyMs.mean / wrk.meanLatencyMs).toFixed(3)} (goal within 5 %)`);
    }
  } finally {
    await backend.close();
  }
}

export async function runEngineBench(): Promise<void> {
  const root = packageRoot();
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
