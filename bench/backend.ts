/**
 * Mock backend figures, each measured against nginx in the same run with the same load generator (wrk):
 *   1 KiB GET from 1 backend worker vs nginx (1 worker) serving a static 1 KiB file, wrk -t1 -c50;
 *   a 200 ms sleep at 1000 connections (5,000 req/s) vs nginx + njs `setTimeout`, after a warm-up run each:
 *   p99 above the sleep and throughput against the ideal (connections / sleep), with 1 and 2 backend workers.
 * The backend runs in its own process (`isolate`), so this process's event loop is not in the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBackend } from '../mock-backend/index.js';
import { openFileLimits } from '../src/engine/fd-limit.js';
import { ratio, type Figure } from './figures.js';
import { startSleepNginx, startStaticNginx, stopStaticNginx } from './nginx-static.js';
import { runWrk, type WrkResult } from './wrk.js';

const SLEEP_MS = 200;
const SLEEP_CONNECTIONS = 1000;
const IDEAL_RPS = SLEEP_CONNECTIONS / (SLEEP_MS / 1000);

export async function backendGetVersusNginx(wrkPath: string, nginxPath: string): Promise<Figure[]> {
  console.log('\n1 KiB GET: mock backend (1 worker, own process) vs nginx static 1 KiB file (1 worker), wrk -t1 -c50 -d10s');
  const backend = await startMockBackend({ workers: 1, isolate: true });
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-backend-bench-'));
  const nginx = await startStaticNginx(nginxPath, dir, 'file.json');
  try {
    const backendRun = await runWrk(wrkPath, ['-t1', '-c50', '-d10s', `${backend.url}/`]);
    const nginxRun = await runWrk(wrkPath, ['-t1', '-c50', '-d10s', nginx.url]);
    const value = backendRun.requestsPerSec / nginxRun.requestsPerSec;
    return [
      {
        name: 'mock backend 1 worker / nginx 1 worker, 1 KiB GET, wrk -t1 -c50',
        value: ratio(value),
        goal: '≥ 0.8',
        met: value >= 0.8,
        note: `backend ${backendRun.requestsPerSec.toFixed(0)}, nginx ${nginxRun.requestsPerSec.toFixed(0)} req/s`,
      },
    ];
  } finally {
    await stopStaticNginx(nginx);
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A 3 s warm-up run (connections opened, code warm), then the measured run: wrk -t1 -c1000 -d10s --latency. */
async function sleepRun(wrkPath: string, url: string): Promise<WrkResult> {
  await runWrk(wrkPath, ['-t1', `-c${SLEEP_CONNECTIONS}`, '-d3s', url]);
  return runWrk(wrkPath, ['-t1', `-c${SLEEP_CONNECTIONS}`, '-d10s', '--latency', url]);
}

const above = (result: WrkResult): number => (result.percentilesMs['99'] ?? Number.NaN) - SLEEP_MS;

async function backendSleepRun(wrkPath: string, workers: number): Promise<WrkResult> {
  console.log(` mock backend, ${workers} worker${workers === 1 ? '' : 's'}`);
  const backend = await startMockBackend({ workers, sleepMs: SLEEP_MS, isolate: true });
  try {
    return await sleepRun(wrkPath, `${backend.url}/`);
  } finally {
    await backend.close();
  }
}

export async function sleepVersusNjs(wrkPath: string, nginxPath: string, njsModulePath: string): Promise<Figure[]> {
  console.log(`\n${SLEEP_MS} ms sleep, ${SLEEP_CONNECTIONS} connections (ideal ${IDEAL_RPS} req/s): mock backend vs nginx + njs setTimeout`);
  const limit = openFileLimits()?.soft;
  if (limit !== undefined && limit < SLEEP_CONNECTIONS + 100) console.log(`  warning: ulimit -n is ${limit}; ${SLEEP_CONNECTIONS} connections need more (ulimit -n 4096)`);
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-njs-bench-'));
  let reference: WrkResult;
  console.log(' nginx + njs, 1 worker');
  const nginx = await startSleepNginx(nginxPath, njsModulePath, dir, SLEEP_MS);
  try {
    reference = await sleepRun(wrkPath, nginx.url);
  } finally {
    await stopStaticNginx(nginx);
    rmSync(dir, { recursive: true, force: true });
  }
  const one = await backendSleepRun(wrkPath, 1);
  const two = await backendSleepRun(wrkPath, 2);
  const tailRatio = above(one) / above(reference);
  const fraction = (result: WrkResult): number => result.requestsPerSec / IDEAL_RPS;
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return [
    {
      name: `mock backend 1 worker vs nginx + njs, ${SLEEP_CONNECTIONS} connections, ${SLEEP_MS} ms: (p99 − sleep) ratio`,
      value: `${ratio(tailRatio)}×`,
      goal: '≤ 1.0×',
      met: tailRatio <= 1,
      note: `backend +${ms(above(one))}, nginx +${ms(above(reference))}`,
    },
    {
      name: 'same: throughput / ideal, backend vs nginx',
      value: `${fraction(one).toFixed(3)} vs ${fraction(reference).toFixed(3)}`,
      goal: '≥ nginx\'s',
      met: fraction(one) >= fraction(reference),
    },
    {
      name: 'same with backend --workers 2: (p99 − sleep), throughput / ideal',
      value: `+${ms(above(two))}, ${fraction(two).toFixed(3)}`,
      goal: 'no worse than 1 worker',
      met: above(two) <= above(one) && fraction(two) >= fraction(one),
      note: `1 worker: +${ms(above(one))}, ${fraction(one).toFixed(3)}`,
    },
  ];
}
