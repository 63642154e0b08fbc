/**
 * An HTTP/1.1 response parser for the raw-socket client: only what a load generator needs (status, where the
 * body ends, whether the connection stays open) and no strings for headers it does not use. It handles
 * Content-Length, chunked (extensions and trailers skipped), read-until-close bodies, 1xx interim responses,
 * and responses without a body (to HEAD, 204, 304). Input may be split anywhere, down to one byte per call.
 * Why our own and not http-parser-js: docs/engine.md ("The raw client").
 */

/** Where the parser's output goes: the final status once, then the body bytes (decoded: no chunk framing). */
export interface ResponseSink {
  onStatus(status: number): void;
  onBody(buffer: Buffer, start: number, end: number): void;
}

/** The status line and headers of one response must fit in this (as undici's and Node's default 16 KiB, with room). */
export const MAX_HEAD_BYTES = 64 * 1024;
/** A chunk size above 2^48 - 1 bytes is treated as malformed. */
const MAX_CHUNK_SIZE_DIGITS = 12;

const enum State {
  Head,
  BodyLength,
  BodyUntilClose,
  ChunkSize,
  ChunkExtension,
  ChunkSizeLf,
  ChunkData,
  ChunkDataCr,
  ChunkDataLf,
  TrailerLineStart,
  TrailerLine,
  TrailerEndLf,
  Complete,
  Failed,
}

const CR = 13;
const LF = 10;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const HTTP_1 = Buffer.from('HTTP/1.', 'latin1');
const CONTENT_LENGTH = Buffer.from('content-length', 'latin1');
const CONNECTION = Buffer.from('connection', 'latin1');
const TRANSFER_ENCODING = Buffer.from('transfer-encoding', 'latin1');
const KEEP_ALIVE = Buffer.from('keep-alive', 'latin1');
const CLOSE = Buffer.from('close', 'latin1');

export class ResponseParser {
  /** Set when the final response is complete; its body has been passed to the sink. */
  complete = false;
  /** Set on malformed input, with what was wrong. */
  error: string | undefined;
  /** Whether the connection may carry the next request (false after `Connection: close`, HTTP/1.0 or a read-until-close body). */
  keepAlive = true;
  private state = State.Head;
  private noBody = false;
  private remaining = 0;
  private chunkDigits = 0;
  /** Head bytes of a response split across reads, gathered until its blank line. */
  private pendingHead: Buffer | undefined;

  constructor(private readonly sink: ResponseSink) {}

  /** Prepares for the response to the next request; `noBody` for a HEAD request. */
  reset(noBody: boolean): void {
    this.complete = false;
    this.error = undefined;
    this.keepAlive = true;
    this.state = State.Head;
    this.noBody = noBody;
    this.remaining = 0;
    this.pendingHead = undefined;
  }

  /**
   * Parses `data` and returns how many of its bytes belong to this response. Stops at the end of the final
   * response (`complete`) or at malformed input (`error`); bytes past either are not consumed.
   */
  execute(data: Buffer): number {
    let index = 0;
    const length = data.length;
    while (index < length) {
      switch (this.state) {
        case State.Head: {
          const used = this.readHead(data, index);
          // Not enough yet: the rest is kept as a partial head (or the head was malformed).
          if (used < 0) return this.error !== undefined ? index : length;
          index = used;
          break;
        }
        case State.BodyLength: {
          const end = Math.min(length, index + this.remaining);
          this.sink.onBody(data, index, end);
          this.remaining -= end - index;
          index = end;
          if (this.remaining === 0) this.state = State.Complete;
          break;
        }
        case State.BodyUntilClose:
          this.sink.onBody(data, index, length);
          return length;
        case State.ChunkData: {
          const end = Math.min(length, index + this.remaining);
          this.sink.onBody(data, index, end);
          this.remaining -= end - index;
          index = end;
          if (this.remaining === 0) this.state = State.ChunkDataCr;
          break;
        }
        case State.Complete:
        case State.Failed:
          return index;
        default:
          this.chunkFraming(data[index]!);
          index++;
      }
      // (Read through a method: TypeScript would narrow `this.state` from the switch above.)
      const state = this.currentState();
      if (state === State.Complete) {
        this.complete = true;
        return index;
      }
      if (state === State.Failed) return index;
    }
    return index;
  }

  /** The connection ended (FIN): completes a read-until-close body; anything else is cut short (returns false). */
  finish(): boolean {
    if (this.state === State.BodyUntilClose) {
      this.state = State.Complete;
      this.complete = true;
      return true;
    }
    return this.state === State.Complete;
  }

  /** Whether any byte of this response has arrived (a close before that is a stale keep-alive connection). */
  get started(): boolean {
    return this.state !== State.Head || this.pendingHead !== undefined;
  }

  private currentState(): State {
    return this.state;
  }

  private fail(reason: string): void {
    this.state = State.Failed;
    this.error = reason;
    this.pendingHead = undefined;
  }

  /** Reads a head from `data` at `start`. Returns the index after it, or -1 when more bytes are needed (or it failed). */
  private readHead(data: Buffer, start: number): number {
    const pending = this.pendingHead;
    if (pending === undefined) {
      const end = data.indexOf(HEAD_END, start);
      if (end < 0) {
        this.keepPartialHead(data.subarray(start));
        return -1;
      }
      if (!this.checkedHead(data, start, end)) return -1;
      return end + 4;
    }
    // Rare: the head arrived in pieces. Join them and look again, including across the seam.
    const joined = Buffer.concat([pending, data.subarray(start)]);
    const end = joined.indexOf(HEAD_END, Math.max(0, pending.length - 3));
    if (end < 0) {
      this.keepPartialHead(joined);
      return -1;
    }
    this.pendingHead = undefined;
    if (!this.checkedHead(joined, 0, end)) return -1;
    // The bytes of `data` this head used: what follows the part that was pending.
    return start + end + 4 - pending.length;
  }

  private checkedHead(head: Buffer, start: number, end: number): boolean {
    if (end + 4 - start > MAX_HEAD_BYTES) {
      this.fail(`response head over ${MAX_HEAD_BYTES} bytes`);
      return false;
    }
    return this.parseHead(head, start, end);
  }

  private keepPartialHead(part: Buffer): void {
    if (part.length > MAX_HEAD_BYTES) {
      this.fail(`response head over ${MAX_HEAD_BYTES} bytes`);
      return;
    }
    // Copied: the socket may reuse its read buffer.
    this.pendingHead = Buffer.from(part);
  }

  /** Parses the status line and headers in head[start, end) (end = the final CRLF CRLF). False when it failed. */
  private parseHead(head: Buffer, start: number, end: number): boolean {
    // "HTTP/1.x SSS" then a space or the line's end.
    if (end - start < 12 || head.compare(HTTP_1, 0, HTTP_1.length, start, start + 7) !== 0) {
      this.fail('response does not start with an HTTP/1.x status line');
      return false;
    }
    const minor = head[start + 7]!;
    if ((minor !== 0x30 && minor !== 0x31) || head[start + 8] !== 0x20) {
      this.fail('unsupported HTTP version in the status line');
      return false;
    }
    const d1 = head[start + 9]! - 0x30;
    const d2 = head[start + 10]! - 0x30;
    const d3 = head[start + 11]! - 0x30;
    if (d1 < 1 || d1 > 5 || d2 < 0 || d2 > 9 || d3 < 0 || d3 > 9) {
      this.fail('malformed status code');
      return false;
    }
    const status = d1 * 100 + d2 * 10 + d3;
    const afterCode = head[start + 12]!;
    if (afterCode !== 0x20 && afterCode !== CR) {
      this.fail('malformed status line');
      return false;
    }
    let contentLength = -1;
    let chunked = false;
    let otherCoding = false;
    // HTTP/1.0 closes unless it asks to keep alive.
    let keepAlive = minor === 0x31;
    // One pass over the bytes in JavaScript: cheaper than a native indexOf per line for a head of a few hundred bytes.
    let line = start + 12;
    while (head[line] !== CR) {
      if (head[line] === LF) {
        this.fail('status line does not end with CRLF');
        return false;
      }
      line++;
    }
    if (head[line + 1] !== LF) {
      this.fail('status line does not end with CRLF');
      return false;
    }
    line += 2;
    // Header lines up to the blank line at end + 2; the head ends in CRLF CRLF, so every scan below stops by then.
    while (line < end + 2) {
      let colon = line;
      for (let byte = head[colon]!; byte !== 0x3a; byte = head[++colon]!) {
        if (byte <= 0x20 || byte >= 0x7f) {
          this.fail('invalid character in a header name, or a header line without a colon');
          return false;
        }
      }
      if (colon === line) {
        this.fail('header line without a name');
        return false;
      }
      let valueStart = colon + 1;
      while (head[valueStart] === 0x20 || head[valueStart] === 0x09) valueStart++;
      let lineEnd = valueStart;
      for (let byte = head[lineEnd]!; byte !== CR; byte = head[++lineEnd]!) {
        if (byte === LF) {
          this.fail('header line does not end with CRLF');
          return false;
        }
      }
      if (head[lineEnd + 1] !== LF) {
        this.fail('header line does not end with CRLF');
        return false;
      }
      let valueEnd = lineEnd;
      while (valueEnd > valueStart && (head[valueEnd - 1] === 0x20 || head[valueEnd - 1] === 0x09)) valueEnd--;
      const nameLength = colon - line;
      // Only three headers matter; the others cost a length comparison.
      if (nameLength === 14 && equalsLower(head, line, CONTENT_LENGTH)) {
        const value = decimalValue(head, valueStart, valueEnd);
        if (value < 0 || (contentLength >= 0 && contentLength !== value)) {
          this.fail(`invalid content-length "${head.toString('latin1', valueStart, valueEnd)}"`);
          return false;
        }
        contentLength = value;
      } else if (nameLength === 10 && equalsLower(head, line, CONNECTION)) {
        if (valueEnd - valueStart === 10 && equalsLower(head, valueStart, KEEP_ALIVE)) keepAlive = true;
        else if (valueEnd - valueStart === 5 && equalsLower(head, valueStart, CLOSE)) keepAlive = false;
        else {
          const tokens = head.toString('latin1', valueStart, valueEnd).toLowerCase().split(',').map((token) => token.trim());
          if (tokens.includes('close')) keepAlive = false;
          else if (tokens.includes('keep-alive')) keepAlive = true;
        }
      } else if (nameLength === 17 && equalsLower(head, line, TRANSFER_ENCODING)) {
        // The last coding decides: chunked framing, or a body read until the close.
        const codings = head.toString('latin1', valueStart, valueEnd).toLowerCase().split(',');
        chunked = codings[codings.length - 1]!.trim() === 'chunked';
        otherCoding = !chunked;
      }
      line = lineEnd + 2;
    }
    if (status < 200) {
      // Interim response (100 Continue, 103 Early Hints): no body, the final response follows.
      return true;
    }
    this.keepAlive = keepAlive;
    this.sink.onStatus(status);
    if (this.noBody || status === 204 || status === 304) this.state = State.Complete;
    else if (chunked) {
      this.state = State.ChunkSize;
      this.remaining = 0;
      this.chunkDigits = 0;
    } else if (otherCoding || contentLength < 0) {
      this.state = State.BodyUntilClose;
      this.keepAlive = false;
    } else if (contentLength === 0) this.state = State.Complete;
    else {
      this.state = State.BodyLength;
      this.remaining = contentLength;
    }
    return true;
  }

  /** One byte of chunk framing (size line, extension, CRLF after data, trailers). */
  private chunkFraming(byte: number): void {
    switch (this.state) {
      case State.ChunkSize: {
        const digit = hexValue(byte);
        if (digit >= 0) {
          if (++this.chunkDigits > MAX_CHUNK_SIZE_DIGITS) this.fail('chunk size too large');
          else this.remaining = this.remaining * 16 + digit;
        } else if (this.chunkDigits === 0) this.fail('chunk size missing');
        else if (byte === CR) this.state = State.ChunkSizeLf;
        else if (byte === 0x3b || byte === 0x20 || byte === 0x09) this.state = State.ChunkExtension;
        else this.fail('invalid character in a chunk size');
        return;
      }
      case State.ChunkExtension:
        if (byte === CR) this.state = State.ChunkSizeLf;
        else if (byte === LF) this.fail('chunk size line does not end with CRLF');
        return;
      case State.ChunkSizeLf:
        if (byte !== LF) this.fail('chunk size line does not end with CRLF');
        else if (this.remaining === 0) this.state = State.TrailerLineStart;
        else this.state = State.ChunkData;
        return;
      case State.ChunkDataCr:
        if (byte === CR) this.state = State.ChunkDataLf;
        else this.fail('chunk data does not end with CRLF');
        return;
      case State.ChunkDataLf:
        if (byte === LF) {
          this.state = State.ChunkSize;
          this.chunkDigits = 0;
          this.remaining = 0;
        } else this.fail('chunk data does not end with CRLF');
        return;
      case State.TrailerLineStart:
        if (byte === CR) this.state = State.TrailerEndLf;
        else if (byte === LF) this.fail('trailer line does not end with CRLF');
        else this.state = State.TrailerLine;
        return;
      case State.TrailerLine:
        if (byte === LF) this.state = State.TrailerLineStart;
        return;
      case State.TrailerEndLf:
        if (byte === LF) this.state = State.Complete;
        else this.fail('chunked body does not end with CRLF');
        return;
      default:
        this.fail('parser in an unexpected state');
    }
  }
}

/** Whether head[at, at + lower.length) equals `lower` ignoring ASCII case (`lower` holds lower-case letters and '-'). */
function equalsLower(head: Buffer, at: number, lower: Buffer): boolean {
  for (let i = 0; i < lower.length; i++) if ((head[at + i]! | 0x20) !== lower[i]) return false;
  return true;
}

/** The decimal number in head[from, to) (1 to 15 digits), or -1 when it is not one. */
function decimalValue(head: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = head[i]! - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
