import { Client, type Dispatcher } from 'undici';
import { connectOptions } from '../../runtime/tls-connect-options.js';
import { classifyError } from './classify-error.js';
import type { WorkerConfig } from './protocol.js';

/** What every request of a worker shares: built once, reused for every send. */
export interface SharedRequest {
  origin: string;
  dispatchOptions: Dispatcher.DispatchOptions;
  body: Buffer | undefined;
  /** Bytes undici writes per request: request line, host, connection, headers, content-length, body. */
  bytesPerRequest: number;
  expectedStatusClass: number;
  expectedResponseBytes: number | undefined;
  echo: boolean;
  clientOptions: Client.Options;
}

export function buildSharedRequest(config: WorkerConfig): SharedRequest {
  const url = new URL(config.url);
  const path = `${url.pathname}${url.search}`;
  const body = config.body === undefined ? undefined : Buffer.from(config.body.buffer, config.body.byteOffset, config.body.byteLength);
  const hasHost = Object.keys(config.headers).some((name) => name.toLowerCase() === 'host');
  let head = `${config.method} ${path} HTTP/1.1\r\n${hasHost ? '' : `host: ${url.host}\r\n`}connection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(config.headers)) head += `${name}: ${value}\r\n`;
  if (body !== undefined || config.method === 'POST' || config.method === 'PUT') head += `content-length: ${body?.byteLength ?? 0}\r\n`;
  head += '\r\n';
  const tls = url.protocol === 'https:' ? connectOptions(config.tls?.insecure ?? false, config.tls?.ca) : undefined;
  return {
    origin: url.origin,
    dispatchOptions: {
      path,
      method: config.method,
      headers: config.headers,
      body: body ?? null,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      reset: false,
    },
    body,
    bytesPerRequest: Buffer.byteLength(head, 'latin1') + (body?.byteLength ?? 0),
    expectedStatusClass: config.checks.statusClass ?? 2,
    expectedResponseBytes: config.checks.responseBytes,
    echo: config.checks.echo ?? false,
    clientOptions: {
      pipelining: 1,
      connectTimeout: config.timeoutMs,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      // Keep idle connections through think times and slow open-model rates.
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      ...(tls === undefined ? {} : { connect: tls }),
    },
  };
}

/** Called once per request with the completion time and either a status (>0) or 0, and the error kind if any. */
export type SlotDone = (slot: RequestSlot, nowMs: number, status: number, errorKind: string | undefined) => void;

/**
 * One keep-alive connection (an undici Client, pipelining 1) and the callback handler of its one
 * in-flight request. The slot object itself is the handler, reused for every request: no per-request
 * closures or promises on the hot path.
 */
export class RequestSlot implements Dispatcher.DispatchHandler {
  readonly client: Client;
  intendedMs = 0;
  sentMs = 0;
  bytesReceived = 0;
  /** Whether undici began writing this request (false after a refused connect: nothing was sent). */
  written = false;
  private status = 0;
  private bodyBytes = 0;
  private echoMatches = true;
  /** Next user / free-list link, used by the models. */
  userIndex = 0;

  constructor(
    private readonly shared: SharedRequest,
    private readonly done: SlotDone,
  ) {
    this.client = new Client(shared.origin, shared.clientOptions);
  }

  send(intendedMs: number, nowMs: number): void {
    this.intendedMs = intendedMs;
    this.sentMs = nowMs;
    this.status = 0;
    this.bodyBytes = 0;
    this.bytesReceived = 0;
    this.echoMatches = true;
    this.written = false;
    this.client.dispatch(this.shared.dispatchOptions, this);
  }

  onConnect(_abort: (error?: Error) => void): void {
    this.written = true;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null, _resume: () => void, statusText: string): boolean {
    // 1xx responses come first and are not the final status.
    if (statusCode < 200) return true;
    this.status = statusCode;
    // Status line + headers + blank line, as received.
    let headerBytes = 13 + statusText.length + 2;
    if (rawHeaders !== null) for (const part of rawHeaders) headerBytes += part.length + 2;
    this.bytesReceived += headerBytes;
    return true;
  }

  onData(chunk: Buffer): boolean {
    const body = this.shared.body;
    if (this.shared.echo && this.echoMatches) {
      const end = this.bodyBytes + chunk.length;
      this.echoMatches = body !== undefined && end <= body.length && chunk.equals(body.subarray(this.bodyBytes, end));
    }
    this.bodyBytes += chunk.length;
    this.bytesReceived += chunk.length;
    return true;
  }

  onComplete(_trailers: string[] | Buffer[] | null): void {
    const status = this.status;
    let errorKind: string | undefined;
    if (Math.floor(status / 100) !== this.shared.expectedStatusClass) errorKind = `http_${status}`;
    else if (this.shared.expectedResponseBytes !== undefined && this.bodyBytes !== this.shared.expectedResponseBytes) errorKind = 'check_failed';
    else if (this.shared.echo && !(this.echoMatches && this.bodyBytes === (this.shared.body?.length ?? 0))) errorKind = 'check_failed';
    this.done(this, performance.now(), status, errorKind);
  }

  onError(error: Error): void {
    this.done(this, performance.now(), 0, classifyError(error));
  }
}
