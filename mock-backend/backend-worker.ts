import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { BackendConfig } from './config.js';
import { EchoHandler } from './echo-handler.js';
import { IdleSweeper } from './idle-sweeper.js';
import { listen } from '../src/runtime/ports.js';
import { WorkerStats, type WorkerSnapshot } from './worker-stats.js';

/**
 * One echo listener: the HTTP server with load-generator-friendly timeouts, its stats, and a graceful drain.
 * Runs in-process (workers = 1) or inside a cluster worker; either way the primary talks to it through
 * setConfig / snapshot / reset / drain.
 */

/**
 * Idle keep-alive connections stay open at least this long (load generators pause between points) and are closed
 * within twice this; see IdleSweeper.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 300_000;
/** The request head must arrive within this, and the whole request within REQUEST_TIMEOUT_MS. */
export const HEADERS_TIMEOUT_MS = 60_000;
export const REQUEST_TIMEOUT_MS = 300_000;

export interface BackendWorkerOptions {
  workerId: number;
  host: string;
  port: number;
  config: BackendConfig;
}

const BAD_REQUEST = Buffer.from('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
const HEADERS_TOO_LARGE = Buffer.from('HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');

export class BackendWorker {
  readonly stats = new WorkerStats();
  readonly workerId: number;
  private readonly handler: EchoHandler;
  private readonly server: Server;
  private readonly idle = new IdleSweeper(KEEP_ALIVE_TIMEOUT_MS);
  private drained: Promise<void> | undefined;

  constructor(private readonly options: BackendWorkerOptions) {
    this.workerId = options.workerId;
    this.handler = new EchoHandler(this.stats, options.workerId, options.config);
    this.server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS, noDelay: true }, this.handler.handle);
    // No per-response keep-alive timer (and no Keep-Alive header): the IdleSweeper closes idle connections.
    this.server.keepAliveTimeout = 0;
    this.server.maxRequestsPerSocket = 0; // unlimited requests per keep-alive connection
    this.server.on('connection', (socket: Socket) => this.idle.add(socket));
    // A bad client never takes the process down: answer what can be answered and close its socket.
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      const parseError = typeof error.code === 'string' && error.code.startsWith('HPE_');
      if (parseError) this.stats.badRequests++;
      if (parseError && socket.writable) socket.end(error.code === 'HPE_HEADER_OVERFLOW' ? HEADERS_TOO_LARGE : BAD_REQUEST);
      socket.destroy();
    });
  }

  /** Starts listening; resolves with the bound port. */
  async listen(): Promise<number> {
    const port = await listen(this.server, this.options.host, this.options.port);
    this.stats.startSampling();
    this.idle.start();
    return port;
  }

  get config(): BackendConfig {
    return this.handler.config;
  }

  setConfig(config: BackendConfig): void {
    this.handler.setConfig(config);
  }

  snapshot(): WorkerSnapshot {
    return this.stats.snapshot(this.workerId, this.idle.size);
  }

  reset(): void {
    this.stats.reset();
  }

  /**
   * Stops accepting, lets in-flight requests finish (their responses say `Connection: close`), closes idle
   * keep-alive connections, and resolves once every connection is gone. After `timeoutMs` the rest are cut.
   */
  drain(timeoutMs: number): Promise<void> {
    this.drained ??= new Promise<void>((resolve) => {
      this.handler.draining = true;
      const force = setTimeout(() => this.server.closeAllConnections(), timeoutMs);
      this.server.close(() => {
        clearTimeout(force);
        this.stats.stopSampling();
        this.idle.stop();
        resolve();
      });
      this.handler.onIdle = () => this.server.closeIdleConnections();
      this.server.closeIdleConnections();
    });
    return this.drained;
  }
}
