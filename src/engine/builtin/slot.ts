import { connectOptions, type TlsConnectOptions } from '../../runtime/tls-connect-options.js';
import type { EngineClient } from '../types.js';
import type { WorkerConfig } from './protocol.js';

/** What every request of a worker shares: built once, reused for every send. */
export interface SharedRequest {
  client: EngineClient;
  url: URL;
  /** Path and query, as sent in the request line. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** The whole request on the wire, encoded once: request line, host, connection, headers, content-length, body. */
  encoded: Buffer;
  /** Bytes written per request (the length of `encoded`). */
  bytesPerRequest: number;
  /** HEAD: the response has no body, whatever its headers say. */
  noResponseBody: boolean;
  timeoutMs: number;
  tls: TlsConnectOptions | undefined;
  expectedStatusClass: number;
  expectedResponseBytes: number | undefined;
  echo: boolean;
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
  const encoded = body === undefined ? Buffer.from(head, 'latin1') : Buffer.concat([Buffer.from(head, 'latin1'), body]);
  return {
    client: config.client,
    url,
    path,
    method: config.method,
    headers: config.headers,
    body,
    encoded,
    bytesPerRequest: encoded.length,
    noResponseBody: config.method === 'HEAD',
    timeoutMs: config.timeoutMs,
    tls: url.protocol === 'https:' ? connectOptions(config.tls?.insecure ?? false, config.tls?.ca) : undefined,
    expectedStatusClass: config.checks.statusClass ?? 2,
    expectedResponseBytes: config.checks.responseBytes,
    echo: config.checks.echo ?? false,
  };
}

/** The outcome of a finished response under the point's checks: an error kind, or undefined when it passed. */
export function checkResponse(shared: SharedRequest, status: number, bodyBytes: number, echoMatches: boolean): string | undefined {
  if (Math.floor(status / 100) !== shared.expectedStatusClass) return `http_${status}`;
  if (shared.expectedResponseBytes !== undefined && bodyBytes !== shared.expectedResponseBytes) return 'check_failed';
  if (shared.echo && !(echoMatches && bodyBytes === (shared.body?.length ?? 0))) return 'check_failed';
  return undefined;
}

/** Called once per request with the completion time and either a status (>0) or 0, and the error kind if any. */
export type SlotDone = (slot: RequestSlot, nowMs: number, status: number, errorKind: string | undefined) => void;

/**
 * One keep-alive connection and its one in-flight request, reused for every request of a user (closed model)
 * or taken from a free list (open model). Two implementations: the raw-socket client (raw/raw-slot.ts) and
 * undici (undici-slot.ts); both report through the same SlotDone with the same error kinds.
 */
export interface RequestSlot {
  intendedMs: number;
  sentMs: number;
  /** Bytes of this request's response. */
  bytesReceived: number;
  /** Whether the request was written to a connected socket (false after a refused connect: nothing was sent). */
  written: boolean;
  /** Next user / free-list link, used by the models. */
  userIndex: number;
  send(intendedMs: number, nowMs: number): void;
  /** A raw slot past its deadline fails with `timeout` (undici keeps its own timers: a no-op there). */
  checkTimeout(nowMs: number): void;
  /** Closes the connection at the end of the run. */
  close(): void;
}
