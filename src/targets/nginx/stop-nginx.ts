import type { ChildProcess } from 'node:child_process';
import { isAlive } from './process-tree.js';

const GRACEFUL_MS = 10_000;
const TERM_MS = 3_000;

/**
 * Graceful stop (SIGQUIT lets workers finish in-flight requests), then SIGTERM, then SIGKILL.
 * Workers are killed too when it comes to SIGKILL: they outlive a killed master.
 */
export async function stopNginx(child: ChildProcess, workerPids: number[]): Promise<void> {
  if (!(await exits(child, 'SIGQUIT', GRACEFUL_MS)) && !(await exits(child, 'SIGTERM', TERM_MS))) {
    await exits(child, 'SIGKILL', TERM_MS);
  }
  for (const pid of workerPids) {
    if (isAlive(pid)) await waitGone(pid, TERM_MS);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
}

function exits(child: ChildProcess, signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, waitMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
    child.kill(signal);
  });
}

async function waitGone(pid: number, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
