import { readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat the stages use (see proc(5)). */
export interface ProcStat {
  /** Field 4: the parent's pid. */
  ppid: number;
  /** Field 14: user-mode CPU time in clock ticks. */
  utimeTicks: number;
  /** Field 15: kernel-mode CPU time in clock ticks. */
  stimeTicks: number;
}

/** Reads /proc/<pid>/stat (Linux), or undefined when the process is gone or /proc is absent. */
export function readProcStat(pid: number | string): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited (e.g. between readdir and read), or no /proc
  }
  return parseProcStat(stat);
}

/** Parses one stat line. The command name (field 2) is in parentheses and may hold spaces or ')'; the fields after the last ')' are fixed. */
export function parseProcStat(stat: string): ProcStat {
  // fields[0] is field 3 (state) of the full line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), utimeTicks: Number(fields[11]), stimeTicks: Number(fields[12]) };
}
