import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { wso2Payload } from '../src/payload.js';
import { responseSizeProblem, type BackendConfig, MAX_SLEEP_MS } from './config.js';
import { markRequest } from './idle-sweeper.js';
import { SleepScheduler } from './sleep-scheduler.js';
import { Fate, RequestPlanner } from './latency.js';
import type { WorkerStats } from './worker-stats.js';

/**
 * The echo hot path. One small object per request (`Exchange`) and shared listener functions (no closures per
 * request); headers are read from `rawHeaders` without building `req.headers`; the body is kept as received
 * chunks and concatenated once; no JSON anywhere. The response carries Content-Length and `x-gatebench-worker`.
 */

export const SLEEP_HEADER = 'x-gatebench-sleep-ms';
export const WORKER_HEADER = 'x-gatebench-worker';

const kExchange = Symbol('gatebench.exchange');
type Carrier = { [kExchange]?: Exchange };
const EMPTY = Buffer.alloc(0);
const PAYLOAD_CACHE_ENTRIES = 32;

class Exchange {
  first: Buffer | null = null;
  chunks: Buffer[] | null = null;
  bodyBytes = 0;
  /** SleepScheduler's fields: when the sleep ends, and whether it is still running. */
  dueMs = 0;
  sleeping = false;
  sleepStartMs = 0;
  sleepMs = 0;
  /** A response was sent (or the connection deliberately dropped): a later close is not a client abort. */
  done = false;

  constructor(
    readonly handler: EchoHandler,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly contentType: string | undefined,
    readonly sleepHeader: string | undefined,
  ) {}
}

export class EchoHandler {
  draining = false;
  /** Called when the last in-flight request ends while draining. */
  onIdle: (() => void) | undefined;
  private planner: RequestPlanner;
  private readonly workerIdText: string;
  private readonly payloads = new Map<number, Buffer>();
  private readonly sleeps = new SleepScheduler<Exchange>((exchange) => this.sleepDone(exchange));

  constructor(
    readonly stats: WorkerStats,
    private readonly workerId: number,
    config: BackendConfig,
  ) {
    this.planner = new RequestPlanner(config, workerId);
    this.workerIdText = String(workerId);
  }

  get config(): BackendConfig {
    return this.planner.config;
  }

  /** New config (and reseeded PRNGs) for the next request; requests already sleeping keep their sleep. */
  setConfig(config: BackendConfig): void {
    this.planner = new RequestPlanner(config, this.workerId);
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const stats = this.stats;
    stats.requests++;
    stats.inFlight++;
    let contentLength = -1;
    let contentType: string | undefined;
    let sleepHeader: string | undefined;
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      // Compare lengths first so most headers cost no lower-casing.
      if (name.length === 12 && name.toLowerCase() === 'content-type') contentType = raw[i + 1];
      else if (name.length === 14 && name.toLowerCase() === 'content-length') contentLength = Number(raw[i + 1]);
      else if (name.length === SLEEP_HEADER.length && name.toLowerCase() === SLEEP_HEADER) sleepHeader = raw[i + 1];
    }
    const exchange = new Exchange(this, req, res, contentType, sleepHeader);
    (res as Carrier)[kExchange] = exchange;
    markRequest(req.socket, exchange);
    res.on('close', onResponseClose);
    if (contentLength > this.planner.config.maxBodyBytes) {
      this.reject(exchange, 413, `request body of ${contentLength} bytes is over maxBodyBytes (${this.planner.config.maxBodyBytes})\n`);
      return;
    }
    (req as Carrier)[kExchange] = exchange;
    req.on('data', onData);
    req.on('end', onEnd);
  };

  /** Called once the whole body is in. */
  bodyComplete(exchange: Exchange): void {
    let headerSleepMs = -1;
    if (exchange.sleepHeader !== undefined && this.planner.config.allowSleepHeader) {
      headerSleepMs = Number(exchange.sleepHeader);
      if (exchange.sleepHeader.trim() === '' || !(headerSleepMs >= 0 && headerSleepMs <= MAX_SLEEP_MS)) {
        this.reject(exchange, 400, `${SLEEP_HEADER} must be a number of milliseconds from 0 to ${MAX_SLEEP_MS}\n`);
        return;
      }
    }
    const sleepMs = this.planner.sleepFor(headerSleepMs);
    if (this.planner.stalled) this.stats.stalls++;
    if (sleepMs <= 0) {
      this.complete(exchange);
      return;
    }
    exchange.sleepMs = sleepMs;
    exchange.sleepStartMs = performance.now();
    this.stats.pendingSleeps++;
    // One timer per millisecond of due time, shared by every request due then; never answered early.
    this.sleeps.schedule(exchange, exchange.sleepStartMs + sleepMs);
  }

  private sleepDone(exchange: Exchange): void {
    const elapsedMs = performance.now() - exchange.sleepStartMs;
    this.stats.pendingSleeps--;
    this.stats.recordOvershootMs(elapsedMs - exchange.sleepMs);
    this.complete(exchange);
  }

  private complete(exchange: Exchange): void {
    const fate = this.planner.fate();
    if (fate === Fate.Drop) {
      exchange.done = true;
      this.stats.drops++;
      // RST, not FIN: the client sees a connection reset, as when a backend process dies.
      exchange.req.socket.resetAndDestroy();
      return;
    }
    if (fate === Fate.Error) {
      this.send(exchange, this.planner.config.errorStatus, Buffer.from(`injected error (errorRate ${this.planner.config.errorRate})\n`), 'text/plain');
      return;
    }
    const method = exchange.req.method;
    if (method === 'GET' || method === 'HEAD') {
      const payload = this.payload(this.requestedSize(exchange.req.url ?? ''));
      if (typeof payload === 'string') this.send(exchange, 400, Buffer.from(`size ${payload}\n`), 'text/plain');
      else this.send(exchange, 200, payload, 'application/json');
      return;
    }
    const body = exchange.chunks !== null ? Buffer.concat(exchange.chunks, exchange.bodyBytes) : (exchange.first ?? EMPTY);
    this.send(exchange, 200, body, exchange.contentType);
  }

  /** `?size=N` on a GET, else the configured size. NaN when the query value is not a number. */
  private requestedSize(url: string): number {
    const query = url.indexOf('?');
    if (query < 0) return this.planner.config.responseSizeBytes;
    const size = new URLSearchParams(url.slice(query + 1)).get('size');
    return size === null ? this.planner.config.responseSizeBytes : size.trim() === '' ? Number.NaN : Number(size);
  }

  /** The GET body of `sizeBytes`, or what is wrong with that size. Only valid sizes are cached, so a hit needs no check. */
  private payload(sizeBytes: number): Buffer | string {
    let payload = this.payloads.get(sizeBytes);
    if (payload === undefined) {
      const problem = responseSizeProblem(sizeBytes);
      if (problem !== undefined) return problem;
      if (this.payloads.size >= PAYLOAD_CACHE_ENTRIES) this.payloads.clear();
      payload = wso2Payload(sizeBytes);
      this.payloads.set(sizeBytes, payload);
    }
    return payload;
  }

  /** Answers before or instead of reading the body, and closes the connection (the rest of the body is not read). */
  reject(exchange: Exchange, status: number, message: string): void {
    exchange.res.shouldKeepAlive = false;
    this.send(exchange, status, Buffer.from(message), 'text/plain');
  }

  private send(exchange: Exchange, status: number, body: Buffer, contentType: string | undefined): void {
    exchange.done = true;
    const res = exchange.res;
    if (this.draining) res.shouldKeepAlive = false;
    const headers =
      contentType === undefined
        ? ['content-length', String(body.length), WORKER_HEADER, this.workerIdText]
        : ['content-type', contentType, 'content-length', String(body.length), WORKER_HEADER, this.workerIdText];
    res.writeHead(status, headers);
    res.end(body);
    this.stats.statuses[status]++;
    if (exchange.req.method !== 'HEAD') this.stats.bytesOut += body.length;
  }

  responseClosed(exchange: Exchange): void {
    const stats = this.stats;
    stats.inFlight--;
    if (!exchange.done) {
      stats.clientAborts++;
      if (exchange.sleeping) {
        this.sleeps.cancel(exchange);
        stats.pendingSleeps--;
      }
    }
    if (this.draining && stats.inFlight === 0) this.onIdle?.();
  }
}

function onData(this: IncomingMessage & Carrier, chunk: Buffer): void {
  const exchange = this[kExchange]!;
  exchange.handler.stats.bytesIn += chunk.length;
  if (exchange.done) return;
  exchange.bodyBytes += chunk.length;
  const limit = exchange.handler.config.maxBodyBytes;
  if (exchange.bodyBytes > limit) {
    exchange.handler.reject(exchange, 413, `request body is over maxBodyBytes (${limit})\n`);
    return;
  }
  if (exchange.first === null) exchange.first = chunk;
  else (exchange.chunks ??= [exchange.first]).push(chunk);
}

function onEnd(this: IncomingMessage & Carrier): void {
  const exchange = this[kExchange]!;
  if (!exchange.done) exchange.handler.bodyComplete(exchange);
}

function onResponseClose(this: ServerResponse & Carrier): void {
  this[kExchange]!.handler.responseClosed(this[kExchange]!);
}
