/**
 * Load-engine figures, each measured against a peer in the same run (never in tests):
 *   nginx (1 worker) serving a static 1 KiB file, 10 s per run, alternating rounds of wrk -t1, autocannon and
 *   `gatebench load --workers 1` at 50 and 500 connections: req/s ratios and generator CPU per request;
 *   the mock backend with a 30 ms sleep, 200 connections: throughput and mean latency against wrk's.
 * Every tool runs as its own process on the same host; each run is printed with its command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBackend } from '../mock-backend/index.js';
import type { PointResult } from '../src/results/types.js';
import { ratio, type Figure } from './figures.js';
import { startStaticNginx, stopStaticNginx } from './nginx-static.js';
import { run, show } from './tools.js';
import { runWrk, type WrkResult } from './wrk.js';

const ROUNDS = 2;
const DURATION_S = 10;
const SLEEP_MS = 30;
const SLEEP_CONNECTIONS = 200;

async function autocannonRun(root: string, url: string, connections: number): Promise<number> {
  const bin = join(root, 'node_modules', '.bin', 'autocannon');
  const args = ['-c', String(connections), '-d', String(DURATION_S), '--json', url];
  show('node_modules/.bin/autocannon', args);
  const result = await run(bin, args);
  if (result.code !== 0) throw new Error(`autocannon failed (exit ${result.code}): ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { requests: { total: number }; duration: number; errors: number; non2xx: number };
  const rps = parsed.requests.total / parsed.duration;
  console.log(`    ${rps.toFixed(0)} req/s (${parsed.requests.total} in ${parsed.duration.toFixed(2)} s); errors ${parsed.errors}; non-2xx ${parsed.non2xx}`);
  return rps;
}

export async function gatebenchRun(root: string, url: string, connections: number, extra: string[] = []): Promise<PointResult> {
  const args = ['bin/gatebench.js', 'load', url, '-c', String(connections), '-d', `${DURATION_S}s`, '--warmup', '1s', '--workers', '1', '--json', ...extra];
  show('node', args);
  const result = await run(process.execPath, args.map((arg, index) => (index === 0 ? join(root, arg) : arg)));
  if (result.code !== 0) throw new Error(`gatebench load failed (exit ${result.code}): ${result.stderr}`);
  const point = JSON.parse(result.stdout) as PointResult;
  console.log(
    `    ${point.throughputRps.toFixed(0)} req/s, mean ${point.latencyMs.mean.toFixed(2)} ms; errors ${point.errors}; ` +
      `generator CPU ${point.generator.cpuPct.toFixed(0)}% (${cpuMicrosPerRequest(point).toFixed(1)} µs/request)` +
      `${point.generator.saturated ? ` (saturated: ${point.generator.saturationReasons.join('; ')})` : ''}`,
  );
  return point;
}

/** The generator's CPU per request over the measured window, in µs. */
function cpuMicrosPerRequest(point: PointResult): number {
  return point.requests > 0 ? ((point.generator.cpuPct / 100) * point.durationS * 1e6) / point.requests : Number.NaN;
}

function wrkCpuMicrosPerRequest(result: WrkResult): number {
  return result.cpuS === undefined || result.requests === 0 ? Number.NaN : (result.cpuS * 1e6) / result.requests;
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

export async function engineVersusNginx(root: string, wrkPath: string, nginxPath: string): Promise<Figure[]> {
  console.log(`\nnginx static 1 KiB (1 worker), ${DURATION_S} s per run, ${ROUNDS} alternating rounds; gatebench --workers 1`);
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-engine-bench-'));
  const nginx = await startStaticNginx(nginxPath, dir, '1k.json');
  const at50 = { wrk: [] as number[], autocannon: [] as number[], gatebench: [] as number[], wrkCpu: [] as number[], gatebenchCpu: [] as number[] };
  const at500 = { wrk: [] as number[], gatebench: [] as number[] };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(` round ${round}, 50 connections`);
      const wrk = await runWrk(wrkPath, ['-t1', '-c50', `-d${DURATION_S}s`, nginx.url]);
      at50.wrk.push(wrk.requestsPerSec);
      at50.wrkCpu.push(wrkCpuMicrosPerRequest(wrk));
      const point = await gatebenchRun(root, nginx.url, 50);
      at50.gatebench.push(point.throughputRps);
      at50.gatebenchCpu.push(cpuMicrosPerRequest(point));
      at50.autocannon.push(await autocannonRun(root, nginx.url, 50));
      console.log(` round ${round}, 500 connections`);
      at500.wrk.push((await runWrk(wrkPath, ['-t1', '-c500', `-d${DURATION_S}s`, nginx.url])).requestsPerSec);
      at500.gatebench.push((await gatebenchRun(root, nginx.url, 500)).throughputRps);
    }
  } finally {
    await stopStaticNginx(nginx);
    rmSync(dir, { recursive: true, force: true });
  }
  const wrk50 = ratio(mean(at50.gatebench) / mean(at50.wrk));
  const wrk500 = mean(at500.gatebench) / mean(at500.wrk);
  const autocannon = mean(at50.gatebench) / mean(at50.autocannon);
  const cpu = mean(at50.gatebenchCpu) / mean(at50.wrkCpu);
  const rates = `gatebench ${mean(at50.gatebench).toFixed(0)}, wrk ${mean(at50.wrk).toFixed(0)} req/s`;
  return [
    { name: '`load --workers 1` / `wrk -t1`, nginx 1 KiB GET, 50 connections', value: wrk50, goal: '≥ 0.9', met: Number(wrk50) >= 0.9, note: rates },
    { name: 'same, with 500 connections', value: ratio(wrk500), goal: '≥ 0.85', met: wrk500 >= 0.85, note: `gatebench ${mean(at500.gatebench).toFixed(0)}, wrk ${mean(at500.wrk).toFixed(0)} req/s` },
    { name: '`load` / autocannon, same target (50 connections)', value: ratio(autocannon), goal: '≥ 1.4', met: autocannon >= 1.4, note: `autocannon ${mean(at50.autocannon).toFixed(0)} req/s` },
    {
      name: 'generator CPU µs per request / wrk\'s',
      value: ratio(cpu),
      goal: '≤ 1.3',
      met: cpu <= 1.3,
      note: `gatebench ${mean(at50.gatebenchCpu).toFixed(1)} µs (its window), wrk ${mean(at50.wrkCpu).toFixed(1)} µs (whole run)`,
    },
  ];
}

export async function agreementWithWrk(root: string, wrkPath: string): Promise<Figure[]> {
  console.log(`\nmock backend with a ${SLEEP_MS} ms sleep (own process), ${SLEEP_CONNECTIONS} connections, ${DURATION_S} s per run`);
  const backend = await startMockBackend({ sleepMs: SLEEP_MS, workers: 1, isolate: true });
  try {
    const url = `${backend.url}/echo`;
    const wrk = await runWrk(wrkPath, ['-t1', `-c${SLEEP_CONNECTIONS}`, `-d${DURATION_S}s`, url]);
    const point = await gatebenchRun(root, url, SLEEP_CONNECTIONS);
    const throughput = point.throughputRps / wrk.requestsPerSec - 1;
    const latency = wrk.meanLatencyMs === undefined ? Number.NaN : point.latencyMs.mean / wrk.meanLatencyMs - 1;
    const worst = Math.max(Math.abs(throughput), Math.abs(latency));
    const pct = (value: number): string => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
    return [
      {
        name: `agreement with wrk, mock backend ${SLEEP_MS} ms, ${SLEEP_CONNECTIONS} connections: throughput and mean latency`,
        value: `${pct(throughput)}, ${pct(latency)}`,
        goal: 'within 2 %',
        met: worst <= 0.02,
        note: `gatebench ${point.throughputRps.toFixed(0)} req/s ${point.latencyMs.mean.toFixed(2)} ms; wrk ${wrk.requestsPerSec.toFixed(0)} req/s ${wrk.meanLatencyMs?.toFixed(2) ?? '?'} ms`,
      },
    ];
  } finally {
    await backend.close();
  }
}
