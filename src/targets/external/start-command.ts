import { spawn, type ChildProcess } from 'node:child_process';
import { GatebenchError } from '../../errors.js';
import { waitForPort } from '../../runtime/ports.js';
import { waitForHttpAnswer } from './http-ready.js';
import { childPids, isAlive } from '../nginx/process-tree.js';
import type { LocalProcess } from '../types.js';

export interface StartCommandOptions {
  /** Shell command line, run by /bin/sh in `cwd`. It must keep the gateway in the foreground (exec it). */
  command: string;
  cwd: string;
  /** Where the gateway will listen (from target.baseUrl). */
  host: string;
  port: number;
  /** The gateway's scheme, for the readiness request. */
  protocol: 'http:' | 'https:';
  /** Backend URL the gateway forwards to ('' when gatebench does not know it). */
  backendUrl: string;
  readyTimeoutMs: number;
}

export interface StartedCommand {
  /** The command's process, then every descendant (read from /proc on each call, so respawned workers count). */
  processes(): LocalProcess[];
  /** The last 16,000 characters the command printed (stdout and stderr). */
  output(): string;
  close(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
const OUTPUT_LIMIT = 16_000;

/**
 * Starts a gateway by its own command (a recipe's start.sh), in its own process group, and waits until
 * it accepts connections on the target's port. The command learns the addresses from GATEBENCH_* variables,
 * so a recipe's config never hard-codes a port. A command that exits or never listens fails the run with its output.
 */
export async function startGatewayCommand(options: StartCommandOptions): Promise<StartedCommand> {
  const backend = options.backendUrl === '' ? undefined : new URL(options.backendUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEBENCH_GATEWAY_HOST: options.host,
    GATEBENCH_GATEWAY_PORT: String(options.port),
    ...(backend !== undefined && {
      GATEBENCH_BACKEND_URL: options.backendUrl.replace(/\/+$/, ''),
      GATEBENCH_BACKEND_HOSTPORT: backend.port === '' ? `${backend.hostname}:${backend.protocol === 'https:' ? 443 : 80}` : backend.host,
    }),
  };
  // detached: its own process group, so stopping it reaches every process it started.
  const child = spawn('/bin/sh', ['-c', options.command], { cwd: options.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadlineMs = Date.now() + options.readyTimeoutMs;
  const portOutcome = await Promise.race([waitForPort(options.host, options.port, child, options.readyTimeoutMs), spawnError]);
  // Ready means answering HTTP, not only accepting connections.
  const outcome =
    portOutcome !== 'listening'
      ? portOutcome
      : (await waitForHttpAnswer({ protocol: options.protocol, host: options.host, port: options.port, deadlineMs, isAlive: () => child.exitCode === null && child.signalCode === null }))
        ? 'listening'
        : child.exitCode !== null || child.signalCode !== null
          ? 'exited'
          : 'silent';
  if (outcome !== 'listening') {
    await stopGroup(child);
    const why =
      outcome instanceof Error
        ? outcome.message
        : outcome === 'exited'
          ? `it exited (${describeExit(child)})`
          : outcome === 'foreign'
            ? `another program already listens on port ${options.port} (not one started by the command)`
            : outcome === 'silent'
              ? `the port opened, but no HTTP answer came within ${options.readyTimeoutMs} ms`
              : `nothing listened within ${options.readyTimeoutMs} ms`;
    throw new GatebenchError('GB_TARGET_START_FAILED', `target.start: "${options.command}" did not start a gateway on ${options.host}:${options.port}: ${why}\n${output()}`.trimEnd(), {
      hint: `run the command by hand in ${options.cwd} with GATEBENCH_GATEWAY_PORT=${options.port} set; it must keep the gateway in the foreground`,
    });
  }
  const rootPid = child.pid as number;
  return {
    processes: () => (child.exitCode !== null || child.signalCode !== null ? [] : processTree(rootPid)),
    output,
    close: () => stopGroup(child),
  };
}

/** The root process and all its descendants, parents before children. */
function processTree(rootPid: number): LocalProcess[] {
  const found: LocalProcess[] = [{ role: 'gateway', pid: rootPid }];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const pid of childPids(queue.shift() as number)) {
      found.push({ role: 'gateway-child', pid });
      queue.push(pid);
    }
  }
  return found;
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after a grace period. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const members = processTree(pid).map((entry) => entry.pid);
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (members.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (members.some(isAlive)) signalGroup(pid, 'SIGKILL');
  for (const member of members) if (isAlive(member)) process.kill(member, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

function collectOutput(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

function describeExit(child: ChildProcess): string {
  return child.signalCode !== null ? `signal ${child.signalCode}` : `exit status ${child.exitCode}`;
}
