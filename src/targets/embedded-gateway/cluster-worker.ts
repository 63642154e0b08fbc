// Entry of one `--workers N` gateway worker (forked by cluster-gateway.ts). Options come in the
// environment; node:cluster shares the primary's listening socket, so every worker serves one port.
import { GATEWAY_OPTIONS_ENV } from './cluster-gateway.js';
import { startGatewayServer, type GatewayServerOptions } from './gateway-server.js';

const raw = process.env[GATEWAY_OPTIONS_ENV];
if (raw === undefined) {
  console.error(`cluster-worker: ${GATEWAY_OPTIONS_ENV} is not set; this file is started by the gateway, not by hand`);
  process.exit(2);
}
const options = JSON.parse(raw) as GatewayServerOptions;
await startGatewayServer(options);
