import { describe, expect, it } from 'vitest';
import { MAX_HEAD_BYTES, ResponseParser } from '../../src/engine/builtin/raw/response-parser.js';

interface Parsed {
  status: number;
  body: string;
  complete: boolean;
  keepAlive: boolean;
  error: string | undefined;
  /** Bytes of the input the response used. */
  consumed: number;
}

/** Feeds `pieces` in order (stopping at completion or an error), then an end of stream when `eof`. */
function parse(pieces: Buffer[], options: { noBody?: boolean; eof?: boolean } = {}): Parsed {
  let status = 0;
  const body: Buffer[] = [];
  const parser = new ResponseParser({
    onStatus: (code) => (status = code),
    onBody: (buffer, start, end) => body.push(Buffer.from(buffer.subarray(start, end))),
  });
  parser.reset(options.noBody ?? false);
  let consumed = 0;
  for (const piece of pieces) {
    const used = parser.execute(piece);
    consumed += used;
    if (parser.complete || parser.error !== undefined) break;
    expect(used).toBe(piece.length);
  }
  if (options.eof === true && !parser.complete && parser.error === undefined) parser.finish();
  return { status, body: Buffer.concat(body).toString('latin1'), complete: parser.complete, keepAlive: parser.keepAlive, error: parser.error, consumed };
}

/** The same bytes split in two at every offset, and one byte at a time. */
function everySplit(text: string): Buffer[][] {
  const bytes = Buffer.from(text, 'latin1');
  const splits: Buffer[][] = [];
  for (let at = 0; at <= bytes.length; at++) splits.push([bytes.subarray(0, at), bytes.subarray(at)]);
  splits.push(Array.from(bytes, (_, index) => bytes.subarray(index, index + 1)));
  return splits;
}

const OK_LENGTH = 'HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"a":"bcd"}';
const CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: t\r\n\r\n';

describe('raw client response parser', () => {
  it('reads a Content-Length response whole and split at every byte', () => {
    for (const pieces of everySplit(OK_LENGTH)) {
      expect(parse(pieces)).toEqual({ status: 200, body: '{"a":"bcd"}', complete: true, keepAlive: true, error: undefined, consumed: OK_LENGTH.length });
    }
  });

  it('decodes a chunked body with extensions and trailers, split at every byte', () => {
    for (const pieces of everySplit(CHUNKED)) {
      expect(parse(pieces)).toEqual({ status: 200, body: 'hello, chunked!', complete: true, keepAlive: true, error: undefined, consumed: CHUNKED.length });
    }
  });

  it('skips 1xx interim responses and reports the final status', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok';
    for (const pieces of everySplit(text)) expect(parse(pieces)).toMatchObject({ status: 201, body: 'ok', complete: true, consumed: text.length });
  });

  it('reads no body for HEAD, 204 and 304, whatever Content-Length says', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n';
    expect(parse([Buffer.from(head)], { noBody: true })).toMatchObject({ status: 200, body: '', complete: true, consumed: head.length });
    expect(parse([Buffer.from('HTTP/1.1 204 No Content\r\n\r\n')])).toMatchObject({ status: 204, complete: true });
    expect(parse([Buffer.from('HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n')])).toMatchObject({ status: 304, body: '', complete: true });
  });

  it('follows Connection: close, HTTP/1.0 and keep-alive tokens', () => {
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')]).keepAlive).toBe(false);
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nconnection: Upgrade, Close\r\ncontent-length: 0\r\n\r\n')]).keepAlive).toBe(false);
    expect(parse([Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')]).keepAlive).toBe(false);
    expect(parse([Buffer.from('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n')]).keepAlive).toBe(true);
  });

  it('reads a body without length or chunking until the connection ends', () => {
    const text = 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of this';
    for (const pieces of everySplit(text)) {
      expect(parse(pieces).complete).toBe(false);
      expect(parse(pieces, { eof: true })).toMatchObject({ status: 200, body: 'all of this', complete: true, keepAlive: false });
    }
    // A response cut short by the close is not complete.
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc')], { eof: true }).complete).toBe(false);
  });

  it('stops at the end of the response and leaves the bytes after it unconsumed', () => {
    const parsed = parse([Buffer.from(`${OK_LENGTH}HTTP/1.1 200 OK\r\n`)]);
    expect(parsed).toMatchObject({ complete: true, consumed: OK_LENGTH.length });
  });

  it.each([
    ['a status line that is not HTTP/1.x', 'HTTP/2 200 OK\r\n\r\n'],
    ['garbage', 'hello world\r\n\r\n'],
    ['a short status code', 'HTTP/1.1 20 OK\r\n\r\n'],
    ['a status code out of range', 'HTTP/1.1 600 Nope\r\n\r\n'],
    ['letters in the status code', 'HTTP/1.1 2x0 OK\r\n\r\n'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nBroken header\r\nContent-Length: 0\r\n\r\n'],
    ['a space in a header name', 'HTTP/1.1 200 OK\r\nContent Length: 0\r\n\r\n'],
    ['a bare LF in the head', 'HTTP/1.1 200 OK\r\nA: b\nContent-Length: 0\r\n\r\n'],
    ['a negative Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['a non-numeric Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n'],
    ['two different Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['a missing chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n'],
    ['a huge chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n'],
    ['chunk data without its CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n0\r\n\r\n'],
    ['a chunk size line ending in a bare LF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nab\r\n0\r\n\r\n'],
  ])('rejects %s, whole and split at every byte', (_name, text) => {
    for (const pieces of everySplit(text)) {
      const parsed = parse(pieces);
      expect(parsed.error).toBeTypeOf('string');
      expect(parsed.complete).toBe(false);
    }
  });

  it('rejects a head larger than its limit without waiting for its end', () => {
    const filler = Buffer.alloc(MAX_HEAD_BYTES, 'a');
    const parsed = parse([Buffer.from('HTTP/1.1 200 OK\r\nX-Big: '), filler, filler]);
    expect(parsed.error).toMatch(/head over/);
  });

  it('resets between responses on one connection', () => {
    let status = 0;
    const parser = new ResponseParser({ onStatus: (code) => (status = code), onBody: () => undefined });
    for (const code of [200, 404, 503]) {
      parser.reset(false);
      parser.execute(Buffer.from(`HTTP/1.1 ${code} X\r\nContent-Length: 1\r\n\r\nx`));
      expect(parser.complete).toBe(true);
      expect(status).toBe(code);
    }
  });
});
