import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayHandler, type GatewayHandlerOptions } from './gateway-handler.js';

export interface GatewayServerOptions extends GatewayHandlerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
}

export interface GatewayServer {
  port: number;
  close(): Promise<void>;
}

/** One HTTP server running the gateway handler; the in-process gateway and each cluster worker use it. */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const handler = createGatewayHandler(options);
  const server = createServer(handler.handle);
  // Load generators hold keep-alive connections across the pause between points; Node's 5 s default
  // would close them mid-run and show up as connection resets that are not the system's fault.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  await listen(server, options.port, options.host);
  const { port } = server.address() as AddressInfo;
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await handler.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
