/**
 * `npm run bench -- soak`: the generator's memory over a long point. One `gatebench load --workers 1` point of
 * 10 minutes (GATEBENCH_SOAK_S overrides) against nginx serving a static 1 KiB file, 50 connections, closed
 * model: the worker sends as fast as it can, the highest rate one worker sustains. The generator's RSS is read
 * from /proc every 10 s; the figure is the growth from minute 1 to the end, and its extrapolation to 24 hours.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PointResult } from '../src/results/types.js';
import { type Figure } from './figures.js';
import { startStaticNginx, stopStaticNginx } from './nginx-static.js';
import { show } from './tools.js';

const SAMPLE_MS = 10_000;
const MIB = 2 ** 20;

function rssBytes(pid: number): number | undefined {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** Least-squares slope of RSS over time, bytes per second. */
function rssSlopePerS(samples: Array<{ atS: number; rss: number }>): number {
  const n = samples.length;
  const meanT = samples.reduce((sum, sample) => sum + sample.atS, 0) / n;
  const meanR = samples.reduce((sum, sample) => sum + sample.rss, 0) / n;
  const covariance = samples.reduce((sum, sample) => sum + (sample.atS - meanT) * (sample.rss - meanR), 0);
  const variance = samples.reduce((sum, sample) => sum + (sample.atS - meanT) ** 2, 0);
  return variance > 0 ? covariance / variance : 0;
}

export async function soak(root: string, nginxPath: string): Promise<Figure[]> {
  const durationS = Number(process.env.GATEBENCH_SOAK_S ?? 600);
  const name = `RSS growth of a ${durationS} s point, minute 1 → end (--workers 1, 50 connections)`;
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-soak-'));
  const nginx = await startStaticNginx(nginxPath, dir, '1k.json');
  try {
    const args = [join(root, 'bin/gatebench.js'), 'load', nginx.url, '-c', '50', '-d', `${durationS}s`, '--warmup', '0', '--workers', '1', '--json'];
    show('node', args);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const started = performance.now();
    const samples: Array<{ atS: number; rss: number }> = [];
    const timer = setInterval(() => {
      const rss = rssBytes(child.pid!);
      if (rss === undefined) return;
      const atS = (performance.now() - started) / 1000;
      samples.push({ atS, rss });
      console.log(`    ${atS.toFixed(0).padStart(4)} s  RSS ${(rss / MIB).toFixed(1)} MiB`);
    }, SAMPLE_MS);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    if (code !== 0) throw new Error(`gatebench load exited ${code}`);
    const point = JSON.parse(stdout) as PointResult;
    console.log(`    point: ${point.requests} requests, ${point.throughputRps.toFixed(0)} req/s, errors ${point.errors}, timeline ${point.timeline.length} s`);
    const first = samples.find((sample) => sample.atS >= 60);
    const last = samples[samples.length - 1];
    if (first === undefined || last === undefined || last.atS - first.atS < 30) {
      return [{ name, value: 'too short to measure', goal: '≤ 10 MiB', met: undefined, note: `${samples.length} samples; run at least 2 minutes` }];
    }
    const growth = last.rss - first.rss;
    // The least-squares slope over every sample from minute 1 on: one GC cycle at either end moves it less.
    const perDay = Math.max(0, rssSlopePerS(samples.filter((sample) => sample.atS >= first.atS))) * 86_400;
    return [
      {
        name,
        value: `${growth >= 0 ? '+' : ''}${(growth / MIB).toFixed(1)} MiB`,
        goal: '≤ 10 MiB',
        met: growth <= 10 * MIB,
        note: `${(first.rss / MIB).toFixed(1)} → ${(last.rss / MIB).toFixed(1)} MiB (${first.atS.toFixed(0)}–${last.atS.toFixed(0)} s); 24 h at the fitted slope: +${(perDay / MIB).toFixed(0)} MiB; ${point.throughputRps.toFixed(0)} req/s`,
      },
    ];
  } finally {
    await stopStaticNginx(nginx);
    rmSync(dir, { recursive: true, force: true });
  }
}
