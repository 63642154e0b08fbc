import cluster from 'node:cluster';
import { freePort } from '../src/runtime/ports.js';
import { siblingEntry } from '../src/runtime/worker-entry.js';
import type { BackendConfig } from './config.js';
import { ClusterLink, WORKER_ENV, type WorkerInit, type WorkerMessage } from './worker-link.js';

/**
 * Forks N echo workers with node:cluster (Node 20 worker threads cannot share a port). The primary keeps the
 * listening socket and hands connections round-robin to the workers; config and stats travel over IPC.
 */

const WORKER_START_TIMEOUT_MS = 30_000;

export interface ClusterStartOptions {
  workers: number;
  host: string;
  port: number;
  config: BackendConfig;
  drainTimeoutMs: number;
}

function waitForReady(worker: ReturnType<typeof cluster.fork>, workerId: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`mock backend worker ${workerId} did not start within ${WORKER_START_TIMEOUT_MS} ms`)), WORKER_START_TIMEOUT_MS);
    const onMessage = (message: WorkerMessage): void => {
      if (message?.type === 'ready') done();
      else if (message?.type === 'failed') fail(new Error(`mock backend worker ${workerId} could not listen: ${message.message}`));
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(new Error(`mock backend worker ${workerId} exited while starting (${signal ?? `code ${code}`})`));
    const cleanUp = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
    };
    const done = (): void => {
      cleanUp();
      resolve();
    };
    const fail = (error: Error): void => {
      cleanUp();
      worker.process.kill();
      reject(error);
    };
    worker.on('message', onMessage);
    worker.on('exit', onExit);
  });
}

export async function startClusterWorkers(options: ClusterStartOptions): Promise<{ port: number; links: ClusterLink[] }> {
  // Port 0 asks the OS for a free port here, once, and gives every worker that number: in a cluster, workers that
  // each listen on port 0 at the same address share one handle, so two backends in one process would collide.
  const port = options.port === 0 ? await freePort(options.host) : options.port;
  const entry = siblingEntry(import.meta.url, 'cluster-worker');
  cluster.setupPrimary({ exec: entry.file, execArgv: entry.execArgv, args: [] });
  const links: ClusterLink[] = [];
  const starting: Array<Promise<void>> = [];
  for (let workerId = 1; workerId <= options.workers; workerId++) {
    const init: WorkerInit = { workerId, host: options.host, port, config: options.config, drainTimeoutMs: options.drainTimeoutMs };
    const worker = cluster.fork({ [WORKER_ENV]: JSON.stringify(init) });
    links.push(new ClusterLink(workerId, worker));
    starting.push(waitForReady(worker, workerId));
  }
  const results = await Promise.allSettled(starting);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(links.map((link) => link.drain(1000)));
    throw failure.reason;
  }
  return { port, links };
}
