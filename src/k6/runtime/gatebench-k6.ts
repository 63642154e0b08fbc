/**
 * The runtime of every script `gatebench k6 export` writes. This file runs inside k6 (goja), never in Node:
 * the exporter copies it next to the generated entry script, and esbuild bundles both (keeping `k6` and
 * `k6/*` external). It is typed against @types/k6 and must stay free of Node APIs (k6 has no Buffer).
 */
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';

// k6 provides __ENV as a global; declared here so this file also type-checks inside gatebench's own build.
declare const __ENV: Record<string, string | undefined>;

export type RuntimeAuth =
  | { kind: 'none' }
  | { kind: 'bearer' }
  | { kind: 'oauth2'; grant: 'client_credentials' | 'password'; tokenUrl: string; clientId: string; username?: string; scope?: string };

/** One point as the exported plan (gatebench-plan.json) describes it; only the fields the script reads. */
export interface RuntimePointPlan {
  point: { pointId: string; messageSizeBytes: number; backendSleepMs: number };
  route: string;
  /** `?size=<bytes>` for a GET to the mock backend, else ''. */
  query: string;
  warmupMs: number;
  thinkTimeMs: number;
  /** Expected response body length; undefined: not checked. */
  responseBytes?: number;
}

export interface RuntimeConfig {
  /** Base URL written at export time; GATEBENCH_BASE_URL overrides it. */
  baseUrl?: string;
  /** Plain headers; secret ones come from the environment (`secretHeaders`: header -> variable name). */
  headers: Record<string, string>;
  secretHeaders: Record<string, string>;
  auth: RuntimeAuth;
  /** POST sends the WSO2 payload of the point's size; GET sends no body, and the size is the response's. */
  method: 'POST' | 'GET';
  timeoutMs: number;
  /** Admin URL of an external gatebench mock backend, whose sleep is set before each point. */
  backendAdminUrl?: string;
  /** Environment variable holding the mock backend's admin token, when it has one. */
  backendAdminTokenEnv?: string;
  /** Send the sleep per request (`x-gatebench-sleep-ms`) to a mock backend that honours it. */
  sleepHeader: boolean;
  /** The plan, held once: the script reads its points, and handleSummary() writes it back so import can name them. */
  plan: { points: RuntimePointPlan[] };
}

interface SetupData {
  token?: string;
}

/** The WSO2 payload `{"payload":"abc…","size":"1K"}` of exactly `bytes` bytes: the same bytes as src/payload.ts. */
export function wso2PayloadText(bytes: number): string {
  const label = bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024}K` : `${bytes}B`;
  const skeleton = `{"payload":"","size":"${label}"}`.length;
  if (bytes < skeleton) throw new Error(`a ${bytes}-byte body cannot hold the WSO2 payload shape (at least ${skeleton} bytes)`);
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const fillerLength = bytes - skeleton;
  return `{"payload":"${filler.repeat(Math.ceil(fillerLength / filler.length)).slice(0, fillerLength)}","size":"${label}"}`;
}

function env(name: string): string | undefined {
  const value = __ENV[name];
  return value === undefined || value === '' ? undefined : value;
}

function requireEnv(name: string, what: string): string {
  const value = env(name);
  if (value === undefined) throw new Error(`gatebench: set ${name} (${what}); secrets are never written into the script`);
  return value;
}

export function createRuntime(config: RuntimeConfig) {
  // Payloads are built once per VU in the init context, one per size the sweep uses.
  const payloads: Record<number, string> = {};
  if (config.method === 'POST') {
    for (const { point } of config.plan.points) payloads[point.messageSizeBytes] ??= wso2PayloadText(point.messageSizeBytes);
  }
  // Only 2xx counts as success in http_req_failed, as in gatebench's own engine.
  http.setResponseCallback(http.expectedStatuses({ min: 200, max: 299 }));

  // The environment is read on first use, not in the init context: `k6 archive` / `k6 inspect` (the
  // k6-operator's initializer) evaluate the init context without the secrets.
  let target: { baseUrl: string; headers: Record<string, string> } | undefined;
  function resolveTarget(): { baseUrl: string; headers: Record<string, string> } {
    if (target) return target;
    const baseUrl = (env('GATEBENCH_BASE_URL') ?? config.baseUrl ?? '').replace(/\/+$/, '');
    if (baseUrl === '') throw new Error('gatebench: set GATEBENCH_BASE_URL to the gateway base URL, e.g. -e GATEBENCH_BASE_URL=https://gw:8243');
    const headers: Record<string, string> = { ...(config.method === 'POST' && { 'Content-Type': 'application/json' }), ...config.headers };
    for (const [header, variable] of Object.entries(config.secretHeaders)) headers[header] = requireEnv(variable, `value of the ${header} header`);
    target = { baseUrl, headers };
    return target;
  }

  function setup(): SetupData {
    resolveTarget(); // fail before any load when a variable is missing
    if (config.auth.kind === 'bearer') return { token: requireEnv('GATEBENCH_BEARER_TOKEN', 'the bearer token') };
    if (config.auth.kind !== 'oauth2') return {};
    const auth = config.auth;
    const form: Record<string, string> = { grant_type: auth.grant, client_id: auth.clientId, client_secret: requireEnv('GATEBENCH_CLIENT_SECRET', 'the OAuth2 client secret') };
    if (auth.grant === 'password') {
      form.username = auth.username ?? '';
      form.password = requireEnv('GATEBENCH_PASSWORD', 'the OAuth2 password');
    }
    if (auth.scope !== undefined) form.scope = auth.scope;
    const response = http.post(auth.tokenUrl, form, { tags: { phase: 'setup' }, timeout: `${config.timeoutMs}ms` });
    const body = response.json() as { access_token?: string } | null;
    if (response.status !== 200 || !body || typeof body.access_token !== 'string') {
      throw new Error(`gatebench: the token request to ${auth.tokenUrl} answered ${response.status}, without an access_token`);
    }
    return { token: body.access_token };
  }

  function currentPoint(): RuntimePointPlan {
    const pointPlan = config.plan.points[Number(__ENV.GB_POINT)];
    if (!pointPlan) throw new Error(`gatebench: no point for GB_POINT=${String(__ENV.GB_POINT)}`);
    return pointPlan;
  }

  /** One request of the current point; the phase tag is set on the VU so every metric of the iteration carries it. */
  function iteration(data: SetupData): void {
    const pointPlan = currentPoint();
    const { point } = pointPlan;
    const elapsedMs = Date.now() - exec.scenario.startTime;
    exec.vu.metrics.tags.phase = elapsedMs < pointPlan.warmupMs ? 'warmup' : 'measure';
    const { baseUrl, headers } = resolveTarget();
    const requestHeaders: Record<string, string> = { ...headers };
    if (data.token !== undefined) requestHeaders.Authorization = `Bearer ${data.token}`;
    if (config.sleepHeader) requestHeaders['x-gatebench-sleep-ms'] = String(point.backendSleepMs);
    const expected = pointPlan.responseBytes;
    const params = { headers: requestHeaders, timeout: `${config.timeoutMs}ms`, responseType: expected === undefined ? ('none' as const) : ('binary' as const) };
    const url = `${baseUrl}${pointPlan.route}${pointPlan.query}`;
    const response = config.method === 'GET' ? http.get(url, params) : http.post(url, payloads[point.messageSizeBytes], params);
    const ok = check(response, { 'status 2xx': (r) => r.status >= 200 && r.status < 300 });
    // The length is checked only on 2xx answers, so a failed body check is an error of its own kind.
    if (ok && expected !== undefined) {
      check(response, { 'body length': (r) => r.body instanceof ArrayBuffer && r.body.byteLength === expected });
    }
    if (pointPlan.thinkTimeMs > 0) sleep(pointPlan.thinkTimeMs / 1000);
  }

  /** Sets the external mock backend's sleep for the next point (`PUT <adminUrl>/config {"sleepMs": n}`). */
  function configureBackend(): void {
    const { point } = currentPoint();
    if (config.backendAdminUrl === undefined) return;
    const url = `${config.backendAdminUrl.replace(/\/+$/, '')}/config`;
    const token = config.backendAdminTokenEnv === undefined ? undefined : requireEnv(config.backendAdminTokenEnv, 'the mock backend admin token');
    const response = http.put(url, JSON.stringify({ sleepMs: point.backendSleepMs }), {
      headers: { 'Content-Type': 'application/json', ...(token !== undefined && { Authorization: `Bearer ${token}` }) },
      tags: { phase: 'setup' },
    });
    if (response.status < 200 || response.status >= 300) {
      exec.test.abort(`gatebench: setting the backend sleep at ${url} answered ${response.status}`);
    }
  }

  /** Writes k6's summary data plus the gatebench plan as JSON (GATEBENCH_SUMMARY_FILE, default gatebench-summary.json). */
  function handleSummary(data: object): Record<string, string> {
    const file = env('GATEBENCH_SUMMARY_FILE') ?? 'gatebench-summary.json';
    return {
      [file]: JSON.stringify({ ...data, gatebench: config.plan }),
      stdout: `gatebench: k6 summary written to ${file}; import it with \`gatebench import k6\` together with the --out json files\n`,
    };
  }

  return { setup, iteration, configureBackend, handleSummary };
}
