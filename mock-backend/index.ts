/**
 * The tunable-latency mock backend: a standalone HTTP/1.1 echo service with a separate admin listener.
 * Start it in-process (tests, runner) with `startMockBackend`, or from the CLI with `gatebench backend`.
 */
import type { Server } from 'node:http';
import { MockBackendAdmin } from './admin-client.js';
import { createAdminServer, type BackendControl } from './admin-server.js';
import { BackendWorker } from './backend-worker.js';
import { startClusterWorkers } from './cluster-primary.js';
import { applyConfigPatch, DEFAULT_CONFIG, resolveConfig, type BackendConfig, type BackendConfigPatch } from './config.js';
import { httpUrl, listen } from '../src/runtime/ports.js';
import { LocalLink, type WorkerLink } from './worker-link.js';
import { mergeSnapshots, type BackendStats } from './worker-stats.js';

export { MockBackendAdmin } from './admin-client.js';
export { DEFAULT_CONFIG, resolveConfig, configPatchProblems } from './config.js';
export type { BackendConfig, BackendConfigPatch, LatencyDistribution, ConfigProblem } from './config.js';
export type { BackendStats, PercentilesMs } from './worker-stats.js';
export { SLEEP_HEADER, WORKER_HEADER } from './echo-handler.js';
export { spareCoreWorkers } from './spare-cores.js';

export interface MockBackendOptions extends BackendConfigPatch {
  /** Echo port; 0 (the default) picks a free one. */
  port?: number;
  /** Echo address; default 127.0.0.1. */
  host?: string;
  /** Admin port; 0 (the default) picks a free one. */
  adminPort?: number;
  /** Admin address; default 127.0.0.1. It changes the backend's behaviour: off loopback it needs `adminToken`. */
  adminHost?: string;
  /** Required bearer token on the admin API. Required when either listener binds beyond loopback. */
  adminToken?: string;
  /** Echo worker processes (node:cluster); default 1, which runs in this process unless `isolate` is set. */
  workers?: number;
  /** Run even a single worker in its own process, so the caller's event loop and the backend's stay apart. */
  isolate?: boolean;
  /** How long close() lets in-flight requests finish before cutting them; default 30 000 ms. */
  drainTimeoutMs?: number;
}

export interface MockBackend {
  /** Echo base URL, e.g. `http://127.0.0.1:8688`. */
  url: string;
  /** Admin base URL, e.g. `http://127.0.0.1:8689`. */
  adminUrl: string;
  workers: number;
  admin: MockBackendAdmin;
  /** Processes serving echo traffic (this process when in-process; the cluster workers otherwise). */
  pids(): number[];
  /** Drains (stop accepting, finish in-flight requests), then closes both listeners. */
  close(): Promise<void>;
}

const SERVER_OPTIONS = ['port', 'host', 'adminPort', 'adminHost', 'adminToken', 'workers', 'isolate', 'drainTimeoutMs'] as const;

/** Loopback addresses: 127.0.0.0/8, ::1 and the name localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

function checkOptions(options: MockBackendOptions): void {
  const problems: string[] = [];
  const port = (name: string, value: unknown): void => {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535)) {
      problems.push(`${name}: must be a whole number from 0 to 65535 (got ${JSON.stringify(value)})`);
    }
  };
  port('port', options.port);
  port('adminPort', options.adminPort);
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1 && options.workers <= 256)) {
    problems.push(`workers: must be a whole number from 1 to 256 (got ${JSON.stringify(options.workers)})`);
  }
  if (options.drainTimeoutMs !== undefined && !(options.drainTimeoutMs >= 0)) problems.push('drainTimeoutMs: must be 0 or more');
  if (options.adminToken !== undefined && options.adminToken.trim().length < 8) problems.push('adminToken: use at least 8 characters');
  const exposed = [options.host, options.adminHost].filter((host): host is string => host !== undefined && !isLoopbackHost(host));
  if (exposed.length > 0 && options.adminToken === undefined) {
    problems.push(
      `refusing to listen on ${exposed.join(' and ')} without an admin token: anyone who reaches the admin API can change the backend's sleeps and faults; pass --admin-token-file FILE (or --admin-token) and give the same token to the scenario (backend.adminToken)`,
    );
  }
  if (problems.length > 0) throw new RangeError(`invalid mock backend options: ${problems.join('; ')}`);
}

function splitOptions(options: MockBackendOptions): BackendConfigPatch {
  const patch: Record<string, unknown> = { ...options };
  for (const name of SERVER_OPTIONS) delete patch[name];
  return patch as BackendConfigPatch;
}

async function startLinks(options: MockBackendOptions, config: BackendConfig, host: string, drainTimeoutMs: number): Promise<{ port: number; links: WorkerLink[] }> {
  const workers = options.workers ?? 1;
  if (workers === 1 && options.isolate !== true) {
    const worker = new BackendWorker({ workerId: 1, host, port: options.port ?? 0, config });
    const port = await worker.listen();
    return { port, links: [new LocalLink(worker)] };
  }
  return startClusterWorkers({ workers, host, port: options.port ?? 0, config, drainTimeoutMs });
}

export async function startMockBackend(options: MockBackendOptions = {}): Promise<MockBackend> {
  checkOptions(options);
  let config = resolveConfig(splitOptions(options), DEFAULT_CONFIG);
  const host = options.host ?? '127.0.0.1';
  const adminHost = options.adminHost ?? '127.0.0.1';
  const drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
  const { port, links } = await startLinks(options, config, host, drainTimeoutMs);

  // Config changes are applied one at a time, in order, each reaching every worker before it resolves.
  let applying: Promise<unknown> = Promise.resolve();
  const control: BackendControl = {
    getConfig: () => config,
    setConfig: (patch: BackendConfigPatch) => {
      const next = applying.then(async () => {
        config = applyConfigPatch(config, patch);
        await Promise.all(links.map((link) => link.setConfig(config)));
        return config;
      });
      applying = next.catch(() => undefined);
      return next;
    },
    stats: async (): Promise<BackendStats> => mergeSnapshots(await Promise.all(links.map((link) => link.snapshot()))),
    reset: async () => {
      await Promise.all(links.map((link) => link.reset()));
    },
  };

  const adminServer: Server = createAdminServer(control, { token: options.adminToken });
  let adminPort: number;
  try {
    adminPort = await listen(adminServer, adminHost, options.adminPort ?? 0);
  } catch (error) {
    await Promise.all(links.map((link) => link.drain(0)));
    throw error;
  }

  const adminUrl = httpUrl(adminHost, adminPort);
  let closing: Promise<void> | undefined;
  return {
    url: httpUrl(host, port),
    adminUrl,
    workers: links.length,
    admin: new MockBackendAdmin(adminUrl, options.adminToken),
    pids: () => links.map((link) => link.pid()).filter((pid): pid is number => pid !== undefined),
    close: () =>
      (closing ??= (async () => {
        await Promise.all(links.map((link) => link.drain(drainTimeoutMs)));
        await new Promise<void>((resolve) => {
          adminServer.close(() => resolve());
          adminServer.closeIdleConnections();
        });
      })()),
  };
}
