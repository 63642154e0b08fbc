import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readProcStat } from '../runtime/proc-stat.js';
import type { LocalProcess } from '../targets/types.js';
import type { ProcessUsage } from '../store/types.js';

/**
 * CPU and RSS of local processes over a window, read from /proc (Linux only; elsewhere nothing is recorded).
 * CPU is the change in utime+stime between the window's first and last reading, over the wall time between
 * them (100 = one core). RSS (VmRSS) is read every `intervalMs` in between, for its mean and max.
 */
export interface ProcessSampler {
  /** Takes the first reading; call when the measured window opens. */
  begin(): void;
  /** Takes the last reading and stops; returns one entry per process readable at both ends. */
  end(): ProcessUsage[];
}

interface Reading {
  atMs: number;
  cpuTicks: number;
}

let clockTicksPerSecond: number | undefined;

function clockTicks(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100; // the Linux default (USER_HZ)
    }
  }
  return clockTicksPerSecond;
}

/** utime + stime in clock ticks, or undefined when the process is gone or /proc is absent. */
export function readCpuTicks(pid: number): number | undefined {
  const stat = readProcStat(pid);
  return stat === undefined ? undefined : stat.utimeTicks + stat.stimeTicks;
}

/** Resident set size in bytes (VmRSS), or undefined when the process is gone. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function createProcessSampler(processes: LocalProcess[], intervalMs = 500): ProcessSampler {
  const first = new Map<number, Reading>();
  const rss = new Map<number, number[]>();
  let timer: NodeJS.Timeout | undefined;
  const sampleRss = (): void => {
    for (const { pid } of processes) {
      const bytes = readRssBytes(pid);
      if (bytes === undefined) continue;
      const samples = rss.get(pid);
      if (samples === undefined) rss.set(pid, [bytes]);
      else samples.push(bytes);
    }
  };
  return {
    begin() {
      const atMs = performance.now();
      for (const { pid } of processes) {
        const cpuTicks = readCpuTicks(pid);
        if (cpuTicks !== undefined) first.set(pid, { atMs, cpuTicks });
      }
      sampleRss();
      timer = setInterval(sampleRss, intervalMs);
      timer.unref();
    },
    end() {
      if (timer !== undefined) clearInterval(timer);
      sampleRss();
      const atMs = performance.now();
      const usages: ProcessUsage[] = [];
      for (const { role, pid } of processes) {
        const start = first.get(pid);
        const cpuTicks = readCpuTicks(pid);
        const samples = rss.get(pid) ?? [];
        if (start === undefined || cpuTicks === undefined || samples.length === 0 || atMs <= start.atMs) continue;
        const cpuSeconds = (cpuTicks - start.cpuTicks) / clockTicks();
        usages.push({
          role,
          pid,
          cpuPct: Number(((cpuSeconds / ((atMs - start.atMs) / 1000)) * 100).toFixed(1)),
          rssBytesMean: Math.round(samples.reduce((sum, value) => sum + value, 0) / samples.length),
          rssBytesMax: Math.max(...samples),
        });
      }
      return usages;
    },
  };
}
