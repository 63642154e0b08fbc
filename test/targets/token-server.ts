// A small OAuth2 token endpoint on loopback (http, or https with a given key and certificate) that records
// every request, answers `{"access_token": "tok-<n>", "expires_in": <s>}`, and can be told to fail.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TokenRequest {
  authorization: string | undefined;
  contentType: string | undefined;
  form: URLSearchParams;
}

export interface TokenServer {
  url: string;
  requests: TokenRequest[];
  /** Seconds the next tokens live; default 3600. */
  expiresInS: number;
  /** When set, every token answer is this status with an error body. */
  failWith?: number;
  /** When set, every token is this string instead of `tok-<n>`. */
  fixedToken?: string;
  close(): Promise<void>;
}

export async function startTokenServer(tls?: { key: Buffer; cert: Buffer }): Promise<TokenServer> {
  const state: TokenServer = {
    url: '',
    requests: [],
    expiresInS: 3600,
    close: async () => {},
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      state.requests.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'], form: new URLSearchParams(body) });
      if (state.failWith !== undefined) {
        res.writeHead(state.failWith, { 'content-type': 'application/json' });
        res.end('{"error":"invalid_client","error_description":"A valid OAuth client could not be found"}');
        return;
      }
      const token = state.fixedToken ?? `tok-${state.requests.length}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: state.expiresInS, scope: 'default' }));
    });
  };
  const server = tls === undefined ? createHttpServer(handle) : createHttpsServer({ key: tls.key, cert: tls.cert }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}/oauth2/token`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}
