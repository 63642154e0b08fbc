import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Open-file limits. Node cannot call setrlimit, so a process that needs more sockets than its soft limit
 * re-executes itself under `sh -c 'ulimit -n <hard> && exec …'` (Linux), or explains how to raise it.
 */
export interface OpenFileLimits {
  soft: number;
  hard: number;
}

/** Descriptors the process needs besides one socket per connection (stdio, workers, timers, logs). */
const BASE_DESCRIPTORS = 64;
const RAISED_ENV = 'GATEBENCH_NOFILE_RAISED';

export function requiredOpenFiles(connections: number): number {
  return connections + BASE_DESCRIPTORS;
}

/** Limits from /proc/self/limits; undefined where that file does not exist (not Linux). */
export function openFileLimits(procLimitsText?: string): OpenFileLimits | undefined {
  let text = procLimitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(text);
  if (!match) return undefined;
  const parse = (value: string): number => (value === 'unlimited' ? Number.POSITIVE_INFINITY : Number(value));
  return { soft: parse(match[1]!), hard: parse(match[2]!) };
}

export type FdLimitPlan = { action: 'ok' } | { action: 'reexec'; hard: number } | { action: 'refuse'; message: string };

/** What to do for `connections` sockets given the limits: carry on, re-exec with the hard limit, or refuse. */
export function planOpenFiles(connections: number, limits: OpenFileLimits | undefined, alreadyRaised = process.env[RAISED_ENV] === '1'): FdLimitPlan {
  const needed = requiredOpenFiles(connections);
  if (limits === undefined || limits.soft >= needed) return { action: 'ok' };
  if (limits.hard >= needed && !alreadyRaised) return { action: 'reexec', hard: limits.hard };
  return {
    action: 'refuse',
    message:
      `${connections} connections need about ${needed} open files, but this process may open ${limits.soft} (hard limit ${limits.hard}). ` +
      `Raise it before running: \`ulimit -n ${needed}\` in the shell (as root raise the hard limit too, or set nofile in /etc/security/limits.conf / LimitNOFILE= for systemd), or use fewer connections.`,
  };
}

/**
 * Re-runs this same command under a shell that raised the soft limit to `hard`, relaying stdio,
 * and resolves with its exit code. The child sees GATEBENCH_NOFILE_RAISED=1 so it never loops.
 */
export function reexecWithOpenFiles(hard: number): Promise<number> {
  const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, ...process.execArgv, ...process.argv.slice(1)].map(quote).join(' ');
  const limit = Number.isFinite(hard) ? String(hard) : 'unlimited';
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `ulimit -n ${limit} && exec ${command}`], { stdio: 'inherit', env: { ...process.env, [RAISED_ENV]: '1' } });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}
