import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool, type Dispatcher } from 'undici';
import { EchoExchange } from './echo-exchange.js';
import { endToEndHeaders } from './hop-by-hop.js';
import { mediateJson } from './mediation.js';
import { matchRoute, type RoutePrefixes } from './route-match.js';

export interface GatewayHandlerOptions {
  /** Where requests go, e.g. `http://127.0.0.1:8688` (a path here becomes a prefix of every backend path). */
  backendUrl: string;
  /** Route prefixes, already normalized (startEmbeddedGateway checks them and fills the defaults). */
  routes: RoutePrefixes;
  /** When set, requests without `Authorization: Bearer <token>` get 401. */
  requireToken?: string;
}

export interface GatewayHandler {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): Promise<void>;
}

// `expect`: Node's server already answered `100 Continue` to the client, and undici refuses to send it.
const DROP_TO_BACKEND = new Set(['host', 'expect']);
const DROP_TO_BACKEND_WITH_AUTH = new Set(['host', 'expect', 'authorization']);

/**
 * The reference gateway's request path: one keep-alive undici Pool to the backend, `echo` streamed
 * through untouched by a dispatch handler, `mediation` buffered, parsed and rebuilt. The only promise
 * on either path is the mediation body read.
 */
export function createGatewayHandler(options: GatewayHandlerOptions): GatewayHandler {
  const backend = new URL(options.backendUrl);
  const basePath = backend.pathname.replace(/\/+$/, '');
  // No connection cap: it opens what the offered load needs (nginx's upstream keepalive 256 bounds only idle ones).
  const pool = new Pool(backend.origin, { connections: null, pipelining: 1, keepAliveTimeout: 60_000 });
  const expectedAuth = options.requireToken === undefined ? undefined : `Bearer ${options.requireToken}`;
  const dropToBackend = expectedAuth === undefined ? DROP_TO_BACKEND : DROP_TO_BACKEND_WITH_AUTH;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const matched = matchRoute(req.url ?? '/', options.routes, basePath);
    if (matched === undefined) return sendText(res, 404, 'not found: the gateway serves only the echo and mediation routes\n');
    if (expectedAuth !== undefined && req.headers.authorization !== expectedAuth) {
      res.setHeader('www-authenticate', 'Bearer');
      return sendText(res, 401, 'missing or wrong bearer token\n');
    }
    const request = {
      path: matched.backendPath,
      method: (req.method ?? 'GET') as Dispatcher.HttpMethod, // Node hands over any token; undici checks it
      headers: endToEndHeaders(req.headers, dropToBackend) as Record<string, string | string[]>,
      body: hasBody(req) ? req : undefined,
    };
    if (matched.route === 'echo') {
      pool.dispatch(request, new EchoExchange(res, failUpstream));
      return;
    }
    pool.request(request, (error, data) => {
      if (error) return failUpstream(res, error);
      data.body.text().then(
        (text) => {
          let mediated: string;
          try {
            mediated = mediateJson(text);
          } catch (parseError) {
            return sendText(res, 502, `mediation failed: ${(parseError as Error).message}\n`);
          }
          res.writeHead(data.statusCode, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(mediated),
          });
          res.end(mediated);
        },
        (readError: Error) => failUpstream(res, readError),
      );
    });
  }

  return { handle, close: () => pool.close() };
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function failUpstream(res: ServerResponse, error: Error): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  sendText(res, 502, `bad gateway: ${error.message}\n`);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
