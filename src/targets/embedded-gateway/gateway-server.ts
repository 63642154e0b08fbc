import { createServer } from 'node:http';
import { listen } from '../../runtime/ports.js';
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
  const port = await listen(server, options.host, options.port);
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
