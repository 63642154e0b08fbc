import { Agent, request } from 'undici';
import { errorCode } from '../engine/index.js';
import { GatebenchError } from '../errors.js';
import { expectsEcho } from '../plan/echo-check.js';
import type { PlanPoint } from '../plan/types.js';
import { tlsConnectOptions } from '../runtime/tls-connect-options.js';
import { pointQuery } from '../plan/point-request.js';
import { requestMethod } from '../scenario/request-method.js';
import type { Api, RequestMethod, Scenario } from '../scenario/types.js';
import { formatSize } from '../scenario/units.js';
import type { PreflightRecord } from '../store/types.js';
import type { StartedBackend, StartedTarget } from '../targets/types.js';

/**
 * Before the first point of a run: one request to every route the points use (echo and/or mediation), at the
 * smallest message size, with the scenario's method, headers, auth and TLS. A dead or wrong target stops the run here,
 * before any load, with the URL, what came back and the likely cause, instead of reading as a fast gateway.
 */

/** What the preflight saw for one route; recorded in the manifest. */
export type PreflightCheck = Extract<PreflightRecord, { skipped: false }>['checks'][number];

const EXCERPT_BYTES = 200;
/** A preflight is one request; a gateway that takes longer than this to answer it is not ready. */
const MAX_PREFLIGHT_TIMEOUT_MS = 30_000;

/** One request per API the points use, at that API's smallest size. */
export function preflightRequests(points: readonly PlanPoint[]): Array<{ api: Api; messageSizeBytes: number }> {
  const smallest = new Map<Api, number>();
  for (const point of points) {
    // `direct` points skip the gateway; the echo and mediation checks reach the backend through it already.
    if (point.api === 'direct') continue;
    smallest.set(point.api, Math.min(smallest.get(point.api) ?? Infinity, point.messageSizeBytes));
  }
  return [...smallest].map(([api, messageSizeBytes]) => ({ api, messageSizeBytes }));
}

export interface PreflightInput {
  scenario: Scenario;
  /** The points this run will measure. */
  points: readonly PlanPoint[];
  target: StartedTarget;
  backend: StartedBackend;
  body(messageSizeBytes: number): Uint8Array;
}

export async function runPreflight({ scenario, points, target, backend, body }: PreflightInput): Promise<PreflightCheck[]> {
  // A backend left at a long sleep by an earlier run would make a healthy target look slow.
  await backend.setSleepMs?.(Math.min(...points.map((point) => point.backendSleepMs)));
  const https = target.baseUrl.startsWith('https:');
  const dispatcher = new Agent(https ? { connect: tlsConnectOptions(scenario.target.tls) } : {});
  const timeoutMs = Math.min(scenario.timing.timeoutMs, MAX_PREFLIGHT_TIMEOUT_MS);
  const method = requestMethod(scenario);
  // A GET carries no body: the points' sizes are what the backend answers with.
  const headers = { ...(await target.requestHeaders()), ...(method === 'POST' && { 'content-type': 'application/json' }) };
  const checks: PreflightCheck[] = [];
  try {
    for (const { api, messageSizeBytes } of preflightRequests(points)) {
      const url = `${target.baseUrl}${api === 'echo' ? target.echoPath : target.mediationPath}${pointQuery(scenario, { api, messageSizeBytes })}`;
      // POST: the body sent, which an echo returns. GET: the mock backend's answer of that size (the same bytes).
      const expected = body(messageSizeBytes);
      const what = `${method} ${url} (${api}, ${formatSize(messageSizeBytes)})`;
      const started = performance.now();
      let status: number;
      let received: Buffer;
      try {
        const sent = method === 'POST' ? { body: expected } : {};
        const response = await request(url, { dispatcher, method, headers, ...sent, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
        status = response.statusCode;
        received = Buffer.from(await response.body.arrayBuffer());
      } catch (error) {
        const failure = socketFailure(error, timeoutMs);
        throw new GatebenchError('GB_PREFLIGHT_FAILED', `preflight: ${what} failed: ${failure.what}`, { hint: failure.hint, cause: error });
      }
      const problem = judgeResponse(api, status, expected, received, expectsEcho(scenario, api), scenario.backend.kind === 'own', method);
      if (problem !== undefined) {
        throw new GatebenchError('GB_PREFLIGHT_FAILED', `preflight: ${what} answered HTTP ${status}: ${problem.what}\n  body: ${excerpt(received)}`, { hint: problem.hint });
      }
      checks.push({ api, url, messageSizeBytes, status, latencyMs: performance.now() - started });
    }
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
  return checks;
}

interface Problem {
  what: string;
  hint: string;
}

/**
 * Why a response cannot be the answer the points expect, or undefined when it is. Pure. `sent` is the POST's
 * body; for a GET it is the payload the mock backend answers with for that size (the same bytes).
 */
export function judgeResponse(api: Api, status: number, sent: Uint8Array, received: Uint8Array, checkEcho: boolean, ownBackend: boolean, method: RequestMethod = 'POST'): Problem | undefined {
  if (status < 200 || status > 299) return { what: `expected 2xx`, hint: statusCause(status, api) };
  if (checkEcho && !Buffer.from(sent).equals(Buffer.from(received))) {
    if (method === 'GET') {
      return {
        what: `the body is not the mock backend's payload of that size (expected ${sent.byteLength} bytes, got ${received.byteLength})`,
        hint: 'target.routes.echo must lead to the mock backend, passing the query string (?size=) and the response through unchanged',
      };
    }
    return {
      what: `the body is not the request echoed back (sent ${sent.byteLength} bytes, got ${received.byteLength})`,
      hint: 'target.routes.echo must lead to an echoing backend (the mock backend), passing the body through unchanged',
    };
  }
  if (api === 'mediation' && !ownBackend) {
    const shape = mediationShapeProblem(sent, received);
    if (shape !== undefined) return { what: shape, hint: 'target.routes.mediation must lead to the mediation API, which rebuilds {"payload", "size"} from the backend response' };
  }
  return undefined;
}

function mediationShapeProblem(sent: Uint8Array, received: Uint8Array): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(received).toString('utf8'));
  } catch {
    return 'the body is not JSON; expected the rebuilt {"payload", "size"} object';
  }
  const request = JSON.parse(Buffer.from(sent).toString('utf8')) as { payload: string; size: string };
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'the body is JSON but not an object; expected {"payload", "size"}';
  const keys = Object.keys(parsed).sort().join(', ');
  if (keys !== 'payload, size') return `the body has the keys {${keys}}; the mediation API rebuilds exactly {payload, size}`;
  const rebuilt = parsed as { payload: unknown; size: unknown };
  if (rebuilt.payload !== request.payload || rebuilt.size !== request.size) return 'payload or size differ from the request sent';
  return undefined;
}

function statusCause(status: number, api: Api): string {
  if (status === 401 || status === 403) return 'the gateway refused the credentials: check target.auth (and target.headers)';
  if (status === 404) return `no API at this path: check target.routes.${api} and target.baseUrl`;
  if (status === 502 || status === 503 || status === 504) return 'the gateway answered but could not reach its backend: check backend.url and that the backend is running';
  if (status >= 500) return 'the gateway failed the request: see its log';
  return `the gateway does not accept this request: check target.routes.${api}, target.headers and target.auth`;
}

function socketFailure(error: unknown, timeoutMs: number): Problem {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return { what: 'connection refused (ECONNREFUSED)', hint: 'nothing listens there: is the gateway running, and are target.baseUrl and its port right?' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { what: `host not found (${code})`, hint: 'check the host name in target.baseUrl' };
  if (code !== undefined && /TIMEOUT/.test(code)) return { what: `no answer within ${timeoutMs} ms (${code})`, hint: 'the gateway accepted the connection but did not answer: is it overloaded or still starting? (timing.timeout sets the wait)' };
  if (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/.test(code)) return { what: `TLS: ${message} (${code})`, hint: 'set target.tls.caFile to the CA that signed the certificate, or target.tls.insecure: true for a self-signed test gateway' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { what: `connection closed without an answer (${code}): ${message}`, hint: 'the port accepts connections but does not speak HTTP as expected: is target.baseUrl http vs https right?' };
  return { what: `${message}${code === undefined ? '' : ` (${code})`}`, hint: 'check target.baseUrl and that the gateway is running' };
}

function excerpt(body: Uint8Array): string {
  if (body.byteLength === 0) return '(empty)';
  const text = Buffer.from(body.subarray(0, EXCERPT_BYTES)).toString('utf8').replace(/\s+/g, ' ').trim();
  return `${JSON.stringify(text)}${body.byteLength > EXCERPT_BYTES ? ` (first ${EXCERPT_BYTES} of ${body.byteLength} bytes)` : ''}`;
}
