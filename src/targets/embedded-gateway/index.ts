import { GatebenchError } from '../../errors.js';
import { httpUrl } from '../../runtime/ports.js';
import { startClusterGateway } from './cluster-gateway.js';
import { startGatewayServer } from './gateway-server.js';
import { normalizePrefix, type RoutePrefixes } from './route-match.js';

export interface EmbeddedGatewayOptions {
  /** Backend base URL, e.g. `http://127.0.0.1:8688`. */
  backendUrl: string;
  /** Default 0 (a free port); the CLI defaults to 8280, WSO2's HTTP port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Processes serving requests; 1 (default) runs in this process unless `isolate`, more fork node:cluster workers. */
  workers?: number;
  /** Run even a single worker in its own process, so its CPU and event loop are not the caller's. */
  isolate?: boolean;
  /** When set, every request needs `Authorization: Bearer <requireToken>` (401 otherwise). */
  requireToken?: string;
  /** Route prefixes; default `/echo` and `/mediation`. */
  routes?: Partial<RoutePrefixes>;
}

export interface EmbeddedGateway {
  /** `http://host:port`, no trailing slash. */
  url: string;
  port: number;
  workers: number;
  /** Processes doing the gateway's work: this process when in-process, else the cluster workers. */
  pids(): number[];
  close(): Promise<void>;
}

/**
 * gatebench's reference gateway: a small, honest reverse proxy used as a system under test when no
 * real gateway is at hand. It is not a production gateway (no TLS, no policies beyond one bearer check).
 */
export async function startEmbeddedGateway(options: EmbeddedGatewayOptions): Promise<EmbeddedGateway> {
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new GatebenchError('GB_INPUT_INVALID', `gateway workers must be a whole number >= 1, got ${workers}`);
  }
  checkBackendUrl(options.backendUrl);
  const host = options.host ?? '127.0.0.1';
  const serverOptions = {
    backendUrl: options.backendUrl,
    routes: checkedRoutes(options.routes),
    requireToken: options.requireToken,
    port: options.port ?? 0,
    host,
  };
  const started =
    workers === 1 && options.isolate !== true ? await inProcess(serverOptions) : await startClusterGateway(serverOptions, workers);
  return { url: httpUrl(host, started.port), port: started.port, workers, pids: started.pids, close: started.close };
}

function checkedRoutes(routes: Partial<RoutePrefixes> | undefined): RoutePrefixes {
  try {
    return { echo: normalizePrefix(routes?.echo ?? '/echo'), mediation: normalizePrefix(routes?.mediation ?? '/mediation') };
  } catch (error) {
    throw new GatebenchError('GB_INPUT_INVALID', `gateway routes: ${(error as Error).message}`);
  }
}

function checkBackendUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new GatebenchError('GB_INPUT_INVALID', `gateway backend "${url}" is not an http(s) URL`, {
      hint: 'e.g. --backend http://127.0.0.1:8688 (the mock backend started by `gatebench backend`)',
    });
  }
}

async function inProcess(options: Parameters<typeof startGatewayServer>[0]) {
  const server = await startGatewayServer(options);
  return { port: server.port, pids: () => [process.pid], close: server.close };
}
