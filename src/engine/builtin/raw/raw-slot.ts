import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { classifyError } from '../classify-error.js';
import { checkResponse, type RequestSlot, type SharedRequest, type SlotDone } from '../slot.js';
import { ResponseParser, type ResponseSink } from './response-parser.js';

/** Where a raw slot connects: resolved once per worker from the shared request. */
export interface RawEndpoint {
  host: string;
  port: number;
  /** TLS server name (SNI), only for a host name (not for an IP address). */
  servername: string | undefined;
}

export function rawEndpoint(shared: SharedRequest): RawEndpoint {
  const { url } = shared;
  // URL keeps the brackets of an IPv6 literal.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { host, port, servername: shared.tls !== undefined && isIP(host) === 0 ? host : undefined };
}

const enum Phase {
  Idle,
  /** Connecting; the request is written on connect. */
  Connecting,
  /** Written, waiting for or reading the response. */
  InFlight,
}

/**
 * The raw-socket client (the default): one keep-alive `net` or `tls` socket, the request written as one
 * pre-encoded buffer, and the response read by ResponseParser. It reports through the same SlotDone, with the
 * same error kinds, as undici (UndiciSlot): refused, reset, closed (a FIN before the response ended),
 * timeout (no byte for `timeoutMs`, checked by the worker's sweep) and other (TLS, parse errors).
 * Bytes received are the response's bytes on the wire (head, body, chunk framing).
 */
export class RawSlot implements RequestSlot, ResponseSink {
  intendedMs = 0;
  sentMs = 0;
  bytesReceived = 0;
  written = false;
  userIndex = 0;
  private socket: Socket | undefined;
  private phase = Phase.Idle;
  private readonly parser: ResponseParser;
  private status = 0;
  private bodyBytes = 0;
  private echoMatches = true;
  /** Time of the last byte or event of the request in flight; the timeout counts from it. */
  private lastActivityMs = 0;
  private closed = false;

  constructor(
    private readonly shared: SharedRequest,
    private readonly endpoint: RawEndpoint,
    private readonly done: SlotDone,
  ) {
    this.parser = new ResponseParser(this);
  }

  send(intendedMs: number, nowMs: number): void {
    this.intendedMs = intendedMs;
    this.sentMs = nowMs;
    this.lastActivityMs = nowMs;
    this.status = 0;
    this.bodyBytes = 0;
    this.bytesReceived = 0;
    this.echoMatches = true;
    this.written = false;
    this.parser.reset(this.shared.noResponseBody);
    if (this.socket === undefined) {
      this.phase = Phase.Connecting;
      this.socket = this.connect();
      return;
    }
    this.write(this.socket);
  }

  checkTimeout(nowMs: number): void {
    if (this.phase !== Phase.Idle && nowMs - this.lastActivityMs >= this.shared.timeoutMs) this.fail('timeout');
  }

  close(): void {
    this.closed = true;
    if (this.socket !== undefined) this.drop(this.socket);
  }

  onStatus(status: number): void {
    this.status = status;
  }

  onBody(buffer: Buffer, start: number, end: number): void {
    if (this.shared.echo && this.echoMatches) {
      const body = this.shared.body;
      const to = this.bodyBytes + end - start;
      this.echoMatches = body !== undefined && to <= body.length && buffer.compare(body, this.bodyBytes, to, start, end) === 0;
    }
    this.bodyBytes += end - start;
  }

  private connect(): Socket {
    const { host, port, servername } = this.endpoint;
    const tls = this.shared.tls;
    const socket =
      tls === undefined
        ? netConnect({ host, port, noDelay: true })
        : tlsConnect({ host, port, ...(servername === undefined ? {} : { servername }), ALPNProtocols: ['http/1.1'], ...tls });
    if (tls !== undefined) socket.setNoDelay(true);
    socket.on(tls === undefined ? 'connect' : 'secureConnect', () => this.onConnected(socket));
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('end', () => this.onEnd(socket));
    socket.on('error', (error: Error) => this.onSocketError(socket, error));
    socket.on('close', () => this.onClose(socket));
    return socket;
  }

  private onConnected(socket: Socket): void {
    if (socket !== this.socket || this.phase !== Phase.Connecting) return;
    this.write(socket);
  }

  private write(socket: Socket): void {
    this.phase = Phase.InFlight;
    this.written = true;
    socket.write(this.shared.encoded);
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    if (this.phase !== Phase.InFlight) {
      // Bytes nobody asked for: the connection's framing is lost.
      this.drop(socket);
      return;
    }
    this.lastActivityMs = performance.now();
    const parser = this.parser;
    const used = parser.execute(chunk);
    this.bytesReceived += used;
    if (parser.error !== undefined) {
      this.fail('other');
      return;
    }
    if (!parser.complete) return;
    // Closed first, so a send from the done callback opens a new connection. Extra bytes after a complete
    // response also mean the framing is lost.
    if (!parser.keepAlive || used < chunk.length) this.drop(socket);
    this.finish();
  }

  private onEnd(socket: Socket): void {
    if (socket !== this.socket) return;
    // A body read until the close ends here; anything else in flight was cut short by the server.
    if (this.phase === Phase.InFlight && this.parser.finish()) {
      this.drop(socket);
      this.finish();
      return;
    }
    if (this.phase !== Phase.Idle) this.fail('closed');
    else this.drop(socket);
  }

  private onSocketError(socket: Socket, error: Error): void {
    if (socket !== this.socket) return;
    if (this.phase === Phase.Idle) this.drop(socket);
    else this.fail(classifyError(error));
  }

  private onClose(socket: Socket): void {
    if (socket !== this.socket) return;
    if (this.phase === Phase.Idle) this.drop(socket);
    else this.fail('closed');
  }

  private finish(): void {
    this.phase = Phase.Idle;
    const status = this.status;
    this.done(this, performance.now(), status, checkResponse(this.shared, status, this.bodyBytes, this.echoMatches));
  }

  /** Ends the request in flight with a transport error; the connection is closed and reopened by the next send. */
  private fail(kind: string): void {
    if (this.socket !== undefined) this.drop(this.socket);
    if (this.phase === Phase.Idle) return;
    this.phase = Phase.Idle;
    if (!this.closed) this.done(this, performance.now(), 0, kind);
  }

  private drop(socket: Socket): void {
    if (socket === this.socket) this.socket = undefined;
    socket.destroy();
  }
}
