import type { Command } from 'commander';
import { ENGINE_CLIENTS, runLoad, type EngineClient, type LoadOptions, type ProgressTick } from '../../engine/index.js';
import type { PointResult } from '../../results/types.js';
import { formatPointSummary } from '../render/point-summary.js';
import { openFileLimits, planOpenFiles, reexecWithOpenFiles } from '../../engine/fd-limit.js';
import { GatebenchError } from '../../errors.js';
import { wso2Payload } from '../../payload.js';
import { sloVerdict } from '../../results/slo-verdict.js';
import { describeSlo } from '../../scenario/slo-text.js';
import type { SloSpec } from '../../scenario/types.js';
import { shortWindowWarning } from '../../scenario/window-warning.js';
import { parseDurationMs, parsePercent, parseRateRps, parseSizeBytes } from '../../scenario/units.js';
import { unitFlag, wholeFlag } from '../flags.js';
import { describeTcpReach } from '../../runtime/tcp-probe.js';

/** `gatebench load <url>`: one point of load against a URL, printed like wrk or as the point JSON. */

export interface LoadFlags {
  connections?: string;
  duration: string;
  rate?: string;
  warmup: string;
  rampUp: string;
  thinkTime: string;
  method?: string;
  bodySize?: string;
  header: string[];
  workers: string;
  timeout: string;
  drainTimeout: string;
  maxRequests?: string;
  expectStatus: string;
  insecure?: boolean;
  caFile?: string;
  json?: boolean;
  /** raw (default) or undici. */
  client?: string;
  /** Default 1%. */
  sloErrorRate?: string;
  sloP99?: string;
}

const DEFAULT_USERS = 50;
const DEFAULT_OPEN_IN_FLIGHT = 1000;

function parseClient(text: string): EngineClient {
  const client = ENGINE_CLIENTS.find((name) => name === text);
  if (client === undefined) throw new RangeError(`--client "${text}" is not a client; use ${ENGINE_CLIENTS.join(' or ')}`);
  return client;
}

function parseHeader(text: string, headers: Record<string, string>): Record<string, string> {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new RangeError(`-H "${text}" is not a header; write it as 'name: value'`);
  return { ...headers, [text.slice(0, colon).trim().toLowerCase()]: text.slice(colon + 1).trim() };
}

/** Flags -> LoadOptions; exported so it is tested without spawning. Throws GB_INPUT_INVALID naming the flag. */
export function loadOptionsFromFlags(url: string, flags: LoadFlags): LoadOptions {
  try {
    requireHttpUrl(url);
    let headers: Record<string, string> = {};
    for (const header of flags.header) headers = parseHeader(header, headers);
    const body = flags.bodySize === undefined ? undefined : wso2Payload(unitFlag('--body-size', flags.bodySize, parseSizeBytes));
    if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    const connections = flags.connections === undefined ? undefined : wholeFlag('-c/--connections', flags.connections, { min: 1 });
    const model: LoadOptions['model'] =
      flags.rate === undefined
        ? { kind: 'closed', users: connections ?? DEFAULT_USERS, rampUpMs: unitFlag('--ramp-up', flags.rampUp, parseDurationMs), thinkTimeMs: unitFlag('--think-time', flags.thinkTime, parseDurationMs) }
        : { kind: 'open', rateRps: unitFlag('--rate', flags.rate, parseRateRps), maxInFlight: connections ?? DEFAULT_OPEN_IN_FLIGHT };
    return {
      request: { url, method: (flags.method ?? (body === undefined ? 'GET' : 'POST')).toUpperCase(), headers, ...(body === undefined ? {} : { body }) },
      model,
      warmupMs: unitFlag('--warmup', flags.warmup, parseDurationMs),
      durationMs: unitFlag('-d/--duration', flags.duration, parseDurationMs),
      drainTimeoutMs: unitFlag('--drain-timeout', flags.drainTimeout, parseDurationMs),
      timeoutMs: unitFlag('--timeout', flags.timeout, parseDurationMs),
      workers: wholeFlag('--workers', flags.workers, { min: 0 }),
      checks: { statusClass: wholeFlag('--expect-status', flags.expectStatus, { min: 1, max: 5 }) },
      client: parseClient(flags.client ?? 'raw'),
      ...(flags.maxRequests === undefined ? {} : { maxRequests: wholeFlag('--max-requests', flags.maxRequests, { min: 1 }) }),
      ...(flags.insecure === true || flags.caFile !== undefined ? { tls: { insecure: flags.insecure === true, ...(flags.caFile === undefined ? {} : { caFile: flags.caFile }) } } : {}),
    };
  } catch (error) {
    // units.ts parsers throw RangeError and wholeFlag GB_INPUT_INVALID: either way a bad flag, reported as load's
    if (error instanceof RangeError || (error instanceof GatebenchError && error.code === 'GB_INPUT_INVALID')) {
      throw new GatebenchError('GB_INPUT_INVALID', `load: ${error.message}`);
    }
    throw error;
  }
}

async function loadAction(url: string, flags: LoadFlags): Promise<void> {
  const options = loadOptionsFromFlags(url, flags);
  const connections = options.model.kind === 'closed' ? options.model.users : options.model.maxInFlight;
  const fdPlan = planOpenFiles(connections, openFileLimits());
  if (fdPlan.action === 'reexec') {
    process.exitCode = await reexecWithOpenFiles(fdPlan.hard);
    return;
  }
  if (fdPlan.action === 'refuse') throw new GatebenchError('GB_INPUT_INVALID', fdPlan.message);
  const slo = sloFromFlags(flags);
  const shortWindow = shortWindowWarning(options.durationMs);
  if (shortWindow !== undefined) process.stderr.write(`warning: ${shortWindow}\n`);
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const showProgress = flags.json !== true && process.stderr.isTTY;
  const dead = deadTargetWatch(controller);
  try {
    const onProgress = (tick: ProgressTick): void => {
      dead.observe(tick);
      if (!showProgress) return;
      process.stderr.write(`\r${tick.phase} ${(tick.elapsedMs / 1000).toFixed(0)}s: ${tick.requests} requests, ${tick.errors} errors, ${tick.currentRps} req/s, p99 ${tick.currentP99Ms.toFixed(2)} ms   `);
    };
    const result = await runLoad(options, { signal: controller.signal, onProgress });
    if (showProgress) process.stderr.write('\n');
    if (flags.json === true) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      // stdout stays pure JSON; the generator warnings still reach the user.
      for (const reason of result.generator.saturationReasons) process.stderr.write(`WARNING: generator saturated: ${reason}\n`);
    } else process.stdout.write(`${formatPointSummary(result, url)}\n`);
    await judgeLoad(result, url, slo, { deadInFirstSecond: dead.stopped(), interrupted, maxRequests: options.maxRequests, warmupMs: options.warmupMs });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/**
 * Watches the first second: when every request that completed in it was a socket error (refused, reset, ...)
 * and none got an HTTP response, nothing is listening, so the load stops there instead of counting refusals.
 */
function deadTargetWatch(controller: AbortController): { observe(tick: ProgressTick): void; stopped(): boolean } {
  let judged = false;
  let stopped = false;
  return {
    observe(tick) {
      if (judged || tick.elapsedMs < 1000 || tick.sinceStart === undefined) return;
      judged = true;
      if (tick.sinceStart.responses === 0 && tick.sinceStart.completed > 0) {
        stopped = true;
        controller.abort();
      }
    },
    stopped: () => stopped,
  };
}

/** The exit code of a finished load: 3 when nothing answered, 130 when interrupted, 99 when the point failed. */
async function judgeLoad(
  result: PointResult,
  url: string,
  slo: SloSpec,
  how: { deadInFirstSecond: boolean; interrupted: boolean; maxRequests: number | undefined; warmupMs: number },
): Promise<void> {
  const responses = Object.values(result.statusCounts).reduce((sum, count) => sum + count, 0);
  // The cap covers every phase: a target that answered the whole warm-up and left nothing to measure is alive.
  if (responses === 0 && !how.deadInFirstSecond && how.maxRequests !== undefined && result.warmup.requests - result.warmup.errors > 0 && result.warmup.requests + result.requests >= how.maxRequests) {
    throw new GatebenchError('GB_INPUT_INVALID', `load: --max-requests ${how.maxRequests} ran out during the ${how.warmupMs} ms warm-up, so nothing was measured`, {
      hint: 'raise --max-requests or shorten --warmup',
    });
  }
  if (how.deadInFirstSecond || responses === 0) {
    const kinds = Object.entries({ ...result.errorsByKind }).map(([kind, count]) => `${kind} ${count}`).join(', ');
    // A stop inside the warm-up leaves the measured window empty: count the warm-up's failures, and say why.
    const failed = kinds !== '' ? `socket errors: ${kinds}` : `${result.warmup.errors} of ${result.warmup.requests} warm-up attempts failed`;
    const reach = await describeTcpReach(new URL(url));
    throw new GatebenchError('GB_TARGET_UNREACHABLE', `${url}: no HTTP response${how.deadInFirstSecond ? ' in the first second; stopped' : ''} (${failed}); ${reach}`, {
      hint: 'nothing answers there: is the server running, and are the host, port and http/https right?',
    });
  }
  if (how.interrupted) throw new GatebenchError('GB_INTERRUPTED', 'interrupted; the figures above cover the shortened window');
  const verdict = sloVerdict(slo, result);
  if (!verdict.pass) throw new GatebenchError('GB_SLO_FAILED', `the point failed its SLO (${describeSlo(slo) ?? 'at least one successful response'}): ${verdict.reasons.join('; ')}`);
}

function sloFromFlags(flags: LoadFlags): SloSpec {
  const errorRate = (flags.sloErrorRate ?? '1%').trim();
  return {
    ...(errorRate === 'off' ? {} : { errorPct: unitFlag('--slo-error-rate', errorRate, parsePercent) }),
    ...(flags.sloP99 === undefined ? {} : { p99Ms: unitFlag('--slo-p99', flags.sloP99, parseDurationMs) }),
  };
}

/** The engine checks this too, but in its own words (request.url); the user wrote <url>. */
function requireHttpUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new RangeError(`<url> "${url}" is not a URL; write it like http://127.0.0.1:8080/path`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new RangeError(`<url> must be http:// or https://, got ${protocol}`);
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function register(program: Command): void {
  program
    .command('load')
    .description('drive load at one URL (closed model by default; --rate for the open model) and print a wrk-like summary')
    .argument('<url>', 'http:// or https:// URL')
    .option('-c, --connections <n>', `virtual users, one keep-alive connection each (default ${DEFAULT_USERS}); with --rate, the in-flight cap (default ${DEFAULT_OPEN_IN_FLIGHT})`)
    .option('-d, --duration <duration>', 'measured window: 10s, 1m', '10s')
    .option('--rate <rps>', 'open model: constant arrival rate, e.g. 500 or 500/s (latency corrected for coordinated omission)')
    .option('--warmup <duration>', 'warm-up before the window, excluded from the figures', '2s')
    .option('--ramp-up <duration>', 'closed model: start the users evenly over this time', '0')
    .option('--think-time <duration>', 'closed model: pause between a response and the next request', '0')
    .option('--method <method>', 'HTTP method (default GET, or POST with --body-size)')
    .option('--body-size <size>', 'request body: a WSO2-shaped JSON payload of exactly this size (1KiB, 10KiB)')
    .option('-H, --header <header>', "request header 'name: value' (repeatable)", collect, [])
    .option('--workers <n>', 'worker threads (0 = one per 500 users or 10k req/s, at most cores - 1)', '0')
    .option('--timeout <duration>', 'per-request timeout (headers and body)', '30s')
    .option('--drain-timeout <duration>', 'how long to wait for in-flight requests after the window', '5s')
    .option('--max-requests <n>', 'hard cap on requests sent (all phases)')
    .option('--expect-status <class>', 'status class that counts as success (2 = 2xx)', '2')
    .option('--insecure', 'https: accept any server certificate')
    .option('--ca-file <file>', 'https: PEM file of the CA that signed the server certificate')
    .option('--client <client>', 'HTTP client: raw (pre-encoded requests on keep-alive sockets) or undici (docs/engine.md)', 'raw')
    .option('--slo-error-rate <pct>', 'the point fails (exit 99) above this error rate; off to turn it off', '1%')
    .option('--slo-p99 <duration>', 'the point fails (exit 99) when its p99 is above this, e.g. 200ms')
    .option('--json', 'print the point result as JSON (docs/point-result.md) instead of the summary')
    .action(loadAction);
}
