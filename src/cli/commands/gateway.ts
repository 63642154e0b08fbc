import type { Command } from 'commander';
import { startEmbeddedGateway, type EmbeddedGatewayOptions } from '../../targets/index.js';
import { wholeFlag } from '../flags.js';
import { untilStopSignal } from '../signals.js';

/** `gatebench gateway`: runs the reference gateway in front of a backend until SIGTERM/SIGINT. */

interface GatewayFlags {
  backend: string;
  port: string;
  host: string;
  workers: string;
  requireToken?: string;
  echoPrefix: string;
  mediationPrefix: string;
}

/** Flags -> API options; exported so it can be tested without spawning. */
export function gatewayOptionsFromFlags(flags: GatewayFlags): EmbeddedGatewayOptions {
  return {
    backendUrl: flags.backend,
    port: wholeFlag('--port', flags.port, { min: 0, max: 65535 }),
    host: flags.host,
    workers: wholeFlag('--workers', flags.workers, { min: 1, max: 256 }),
    requireToken: flags.requireToken,
    routes: { echo: flags.echoPrefix, mediation: flags.mediationPrefix },
  };
}

export function register(program: Command): void {
  program
    .command('gateway')
    .description('run the reference gateway (a small Node reverse proxy, not a production gateway) until SIGTERM')
    .requiredOption('--backend <url>', 'backend base URL, e.g. http://127.0.0.1:8688')
    .option('--port <port>', 'listen port (0 picks a free one)', '8280')
    .option('--host <address>', 'listen address', '127.0.0.1')
    .option('--workers <n>', 'worker processes (node:cluster); 1 runs in this process', '1')
    .option('--require-token <token>', 'answer 401 unless requests carry Authorization: Bearer <token>')
    .option('--echo-prefix <path>', 'path prefix of the pass-through API', '/echo')
    .option('--mediation-prefix <path>', 'path prefix of the mediation API', '/mediation')
    .action(async (flags: GatewayFlags) => {
      const options = gatewayOptionsFromFlags(flags);
      const stopped = untilStopSignal();
      const gateway = await startEmbeddedGateway(options);
      console.log(
        `gatebench gateway: ${gateway.url}${flags.echoPrefix} (echo) ${gateway.url}${flags.mediationPrefix} (mediation) -> ${options.backendUrl}; workers ${gateway.workers} pids ${gateway.pids().join(',')}`,
      );
      await stopped;
      await gateway.close();
      console.log('gatebench gateway: stopped');
    });
}
