import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 connection-specific headers: they describe one hop and must not be forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

type HeaderBag = IncomingHttpHeaders | Record<string, string | string[] | undefined>;

/**
 * Copies the end-to-end headers, dropping hop-by-hop ones, those the `Connection` header names,
 * and any extra names the caller drops (e.g. `host`, or `authorization` once the gateway consumed it).
 */
export function endToEndHeaders(headers: HeaderBag, drop: ReadonlySet<string> = EMPTY): OutgoingHttpHeaders {
  const named = connectionNamed(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || drop.has(name)) continue;
    if (named !== undefined && named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

const EMPTY: ReadonlySet<string> = new Set();

function connectionNamed(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.join(',') : value;
  const names = joined
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'close' && name !== 'keep-alive');
  return names.length === 0 ? undefined : new Set(names);
}
