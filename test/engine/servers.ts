import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../src/runtime/ports.js';

/** A throwaway HTTP server on 127.0.0.1 that counts the responses it finished and the body bytes it read. */
export interface TestServer {
  url: string;
  port: number;
  /** Responses fully written by the server. */
  responses: number;
  /** Request body length of every request, in arrival order. */
  bodyLengths: number[];
  close(): Promise<void>;
}

export type TestHandler = (request: IncomingMessage, response: ServerResponse, index: number, body: Buffer) => void;

export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  let arrivals = 0;
  const state = { responses: 0, bodyLengths: [] as number[] };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      state.bodyLengths.push(body.length);
      response.on('finish', () => state.responses++);
      handler(request, response, arrivals++, body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    get responses() {
      return state.responses;
    },
    get bodyLengths() {
      return state.bodyLengths;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that refuses connections: bound once, then released (runtime's freePort). */
export function closedPort(): Promise<number> {
  return freePort('127.0.0.1');
}
