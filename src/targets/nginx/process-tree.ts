import { readdirSync } from 'node:fs';
import { readProcStat } from '../../runtime/proc-stat.js';

/** Pids whose parent is `parentPid`, read from /proc (Linux). Empty where /proc is unavailable. */
export function childPids(parentPid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = readProcStat(entry)?.ppid;
    if (ppid === parentPid) children.push(Number(entry));
  }
  return children.sort((a, b) => a - b);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
