import { Client, type Dispatcher } from 'undici';
import { classifyError } from './classify-error.js';
import { checkResponse, type RequestSlot, type SharedRequest, type SlotDone } from './slot.js';

/** undici's options for one worker's connections, built once from the shared request. */
export function undiciOptions(shared: SharedRequest): { dispatch: Dispatcher.DispatchOptions; client: Client.Options } {
  return {
    dispatch: {
      path: shared.path,
      method: shared.method,
      headers: shared.headers,
      body: shared.body ?? null,
      headersTimeout: shared.timeoutMs,
      bodyTimeout: shared.timeoutMs,
      reset: false,
    },
    client: {
      pipelining: 1,
      connectTimeout: shared.timeoutMs,
      headersTimeout: shared.timeoutMs,
      bodyTimeout: shared.timeoutMs,
      // Keep idle connections through think times and slow open-model rates.
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      ...(shared.tls === undefined ? {} : { connect: shared.tls }),
    },
  };
}

/**
 * `--client undici`: one keep-alive undici Client (pipelining 1) and the callback handler of its one
 * in-flight request. The slot object itself is the handler, reused for every request: no per-request
 * closures or promises on the hot path.
 *
 * Why undici's legacy handler callbacks (onConnect/onHeaders/onData/onComplete/onError) and not undici 7's
 * controller-based ones (onRequestStart/onResponseStart/...): the legacy ones take the handler as a plain object
 * with no controller allocated per request, and undici 7 still drives them natively. undici has announced
 * their removal in a later major; test/engine/undici-handler.test.ts fails by name on an undici major other
 * than 7, so an upgrade reviews this file instead of silently losing responses.
 */
export class UndiciSlot implements RequestSlot, Dispatcher.DispatchHandler {
  readonly client: Client;
  intendedMs = 0;
  sentMs = 0;
  bytesReceived = 0;
  written = false;
  userIndex = 0;
  private status = 0;
  private bodyBytes = 0;
  private echoMatches = true;

  constructor(
    private readonly shared: SharedRequest,
    private readonly dispatchOptions: Dispatcher.DispatchOptions,
    clientOptions: Client.Options,
    private readonly done: SlotDone,
  ) {
    this.client = new Client(shared.url.origin, clientOptions);
  }

  send(intendedMs: number, nowMs: number): void {
    this.intendedMs = intendedMs;
    this.sentMs = nowMs;
    this.status = 0;
    this.bodyBytes = 0;
    this.bytesReceived = 0;
    this.echoMatches = true;
    this.written = false;
    this.client.dispatch(this.dispatchOptions, this);
  }

  checkTimeout(_nowMs: number): void {
    // undici runs its own connect, headers and body timers.
  }

  close(): void {
    void this.client.destroy().catch(() => undefined);
  }

  onConnect(_abort: (error?: Error) => void): void {
    this.written = true;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null, _resume: () => void, statusText: string): boolean {
    // 1xx responses come first and are not the final status.
    if (statusCode < 200) return true;
    this.status = statusCode;
    // Status line + headers + blank line, as received (undici hands over no chunk framing: the body is decoded).
    let headerBytes = 13 + statusText.length + 2 + 2;
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
    this.done(this, performance.now(), this.status, checkResponse(this.shared, this.status, this.bodyBytes, this.echoMatches));
  }

  onError(error: Error): void {
    this.done(this, performance.now(), 0, classifyError(error));
  }
}
