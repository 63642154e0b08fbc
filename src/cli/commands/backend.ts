import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { spareCoreWorkers, startMockBackend, type MockBackendOptions } from '../../../mock-backend/index.js';
import { GatebenchError } from '../../errors.js';
import { parseMillisecondsFlag, parseSizeBytes } from '../../scenario/units.js';
import { wholeFlag } from '../flags.js';
import { untilStopSignal } from '../signals.js';

/** `gatebench backend`: runs the mock backend until SIGTERM/SIGINT, then drains and exits 0. */

interface BackendFlags {
  port: string;
  host: string;
  adminPort: string;
  adminHost: string;
  workers: string;
  sleepMs?: string;
  responseSize?: string;
  seed?: string;
  allowSleepHeader?: boolean;
  maxBody?: string;
  config?: string;
  adminToken?: string;
  adminTokenFile?: string;
}

/** The admin token from --admin-token-file (first line, trimmed) or --admin-token; not both. */
function adminToken(flags: BackendFlags): string | undefined {
  if (flags.adminToken !== undefined && flags.adminTokenFile !== undefined) throw new RangeError('give --admin-token or --admin-token-file, not both');
  if (flags.adminTokenFile === undefined) return flags.adminToken;
  let text: string;
  try {
    text = readFileSync(flags.adminTokenFile, 'utf8');
  } catch (error) {
    throw new RangeError(`--admin-token-file ${flags.adminTokenFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
  const token = text.split('\n')[0]?.trim() ?? '';
  if (token === '') throw new RangeError(`--admin-token-file ${flags.adminTokenFile}: the file is empty; write the token on its first line`);
  return token;
}

/** Flags -> API options; exported so it can be tested without spawning. */
export function backendOptionsFromFlags(flags: BackendFlags): MockBackendOptions {
  let fromJson: Record<string, unknown> = {};
  if (flags.config !== undefined) {
    try {
      fromJson = JSON.parse(flags.config) as Record<string, unknown>;
    } catch (error) {
      throw new RangeError(`--config must be a JSON object of config fields, e.g. '{"stallRate":0.01}': ${(error as Error).message}`);
    }
  }
  const options: MockBackendOptions = {
    ...fromJson,
    port: wholeFlag('--port', flags.port),
    host: flags.host,
    adminPort: wholeFlag('--admin-port', flags.adminPort),
    adminHost: flags.adminHost,
    workers: flags.workers === 'auto' ? spareCoreWorkers() : wholeFlag('--workers', flags.workers),
  };
  if (flags.sleepMs !== undefined) options.sleepMs = parseMillisecondsFlag(flags.sleepMs);
  if (flags.responseSize !== undefined) options.responseSizeBytes = parseSizeBytes(flags.responseSize);
  if (flags.maxBody !== undefined) options.maxBodyBytes = parseSizeBytes(flags.maxBody);
  if (flags.seed !== undefined) options.seed = wholeFlag('--seed', flags.seed);
  if (flags.allowSleepHeader === true) options.allowSleepHeader = true;
  const token = adminToken(flags);
  if (token !== undefined) options.adminToken = token;
  return options;
}

export function register(program: Command): void {
  program
    .command('backend')
    .description('run the tunable-latency mock backend (echo on --port, admin API on --admin-port) until SIGTERM')
    .option('--port <port>', 'echo port (0 picks a free one)', '8688')
    .option('--host <address>', 'echo address', '127.0.0.1')
    .option('--admin-port <port>', 'admin API port (0 picks a free one)', '8689')
    .option('--admin-host <address>', 'admin API address; off loopback it needs an admin token', '127.0.0.1')
    .option('--admin-token-file <file>', 'admin API requires Authorization: Bearer <first line of this file>')
    .option('--admin-token <token>', 'the same, given inline (visible in ps; prefer --admin-token-file)')
    .option('--workers <n>', 'echo worker processes (node:cluster); 1 runs in this process; auto = a third of the idle cores, at least 1', '1')
    .option('--sleep-ms <duration>', 'fixed sleep per request: 30, 30ms, 1s (default 0)')
    .option('--response-size <size>', 'GET body size when the URL has no ?size=: 1KiB, 10KiB')
    .option('--seed <n>', 'seed of the latency and fault PRNGs')
    .option('--allow-sleep-header', 'honour the x-gatebench-sleep-ms request header')
    .option('--max-body <size>', 'larger request bodies get 413 (default 10MiB)')
    .option('--config <json>', 'initial config as JSON, same fields as PUT /config')
    .action(async (flags: BackendFlags) => {
      let options: MockBackendOptions;
      try {
        options = backendOptionsFromFlags(flags);
      } catch (error) {
        throw new GatebenchError('GB_INPUT_INVALID', (error as Error).message);
      }
      const stopped = untilStopSignal();
      const backend = await startMockBackend(options).catch((error: Error) => {
        const code = error instanceof RangeError ? 'GB_INPUT_INVALID' : 'GB_TARGET_START_FAILED';
        throw new GatebenchError(code, `mock backend: ${error.message}`, { cause: error });
      });
      console.log(`gatebench backend: echo ${backend.url} admin ${backend.adminUrl} workers ${backend.workers} pids ${backend.pids().join(',')}`);
      const signal = await stopped;
      console.log(`gatebench backend: ${signal}, draining`);
      await backend.close();
      console.log('gatebench backend: stopped');
    });
}
