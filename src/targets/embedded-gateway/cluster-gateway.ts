import cluster, { type Worker } from 'node:cluster';
import { GatebenchError } from '../../errors.js';
import { siblingEntry } from '../../runtime/worker-entry.js';
import type { GatewayServerOptions } from './gateway-server.js';

export const GATEWAY_OPTIONS_ENV = 'GATEBENCH_GATEWAY_OPTIONS';

const STOP_GRACE_MS = 5_000;

export interface ClusterGateway {
  port: number;
  pids(): number[];
  close(): Promise<void>;
}

/**
 * Forks `workers` processes that each run the gateway server on one shared port (node:cluster,
 * round-robin accept in this process). With port 0 every worker still gets the same port: the
 * primary keys shared handles by address and port, so the first listen creates it and the rest reuse it.
 */
export async function startClusterGateway(options: GatewayServerOptions, workers: number): Promise<ClusterGateway> {
  if (!cluster.isPrimary) throw new Error('startClusterGateway must run in a cluster primary');
  const entry = siblingEntry(import.meta.url, 'cluster-worker');
  // setupPrimary is global; fork() reads it at call time, so another cluster user setting it later is harmless.
  cluster.setupPrimary({ exec: entry.file, execArgv: entry.execArgv, silent: false });
  const env = { [GATEWAY_OPTIONS_ENV]: JSON.stringify(options) };
  const forked: Worker[] = [];
  for (let i = 0; i < workers; i += 1) forked.push(cluster.fork(env));
  let ports: number[];
  try {
    ports = await Promise.all(forked.map(listeningPort));
  } catch (error) {
    await stopWorkers(forked);
    throw error;
  }
  const port = ports[0];
  if (ports.some((other) => other !== port)) {
    await stopWorkers(forked);
    throw new GatebenchError('GB_TARGET_START_FAILED', `gateway workers listened on different ports (${ports.join(', ')})`);
  }
  return {
    port,
    pids: () => forked.filter((worker) => !worker.isDead()).map((worker) => worker.process.pid as number),
    close: () => stopWorkers(forked),
  };
}

function listeningPort(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null): void => {
      reject(
        new GatebenchError(
          'GB_TARGET_START_FAILED',
          `gateway worker ${worker.process.pid} exited before listening (code ${code}, signal ${signal}); its stderr is above`,
        ),
      );
    };
    worker.once('exit', onExit);
    worker.once('listening', (address) => {
      worker.off('exit', onExit);
      resolve(address.port);
    });
  });
}

async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map(stopWorker));
}

function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGTERM, not disconnect(): keep-alive client connections would hold a graceful disconnect open.
    worker.process.kill('SIGTERM');
  });
}
