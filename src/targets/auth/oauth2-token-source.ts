import { Agent, request, type Dispatcher } from 'undici';
import { GatebenchError } from '../../errors.js';
import type { AuthSpec, TlsSpec } from '../../scenario/types.js';
import { tlsConnectOptions } from '../../runtime/tls-connect-options.js';

export type OAuth2Spec = Extract<AuthSpec, { kind: 'oauth2' }>;

export interface TokenSource {
  /** A valid access token: the cached one, or a fresh one once within `refreshMarginMs` of expiry. */
  token(): Promise<string>;
  /** Token requests made so far (for tests and the run log). */
  readonly requestCount: number;
  close(): Promise<void>;
}

const TOKEN_TIMEOUT_MS = 30_000;
const BODY_EXCERPT_CHARS = 500;

/**
 * OAuth2 client-credentials or password grant, as WSO2's key manager expects it: a form POST to the
 * token URL with the client id and secret as HTTP Basic auth. Tokens are cached and shared by
 * concurrent callers; `now` is injectable so expiry can be tested without waiting.
 */
export function createOAuth2TokenSource(spec: OAuth2Spec, tls: TlsSpec, now: () => number = Date.now): TokenSource {
  const dispatcher: Dispatcher = new Agent({ connect: tlsConnectOptions(tls) });
  const basic = `Basic ${Buffer.from(`${spec.clientId}:${spec.clientSecret}`).toString('base64')}`;
  let cached: { token: string; refreshAtMs: number } | undefined;
  let inFlight: Promise<string> | undefined;
  let requestCount = 0;

  async function fetchToken(): Promise<string> {
    requestCount += 1;
    const requestedAtMs = now();
    const response = await postForm(dispatcher, spec.tokenUrl, basic, formBody(spec));
    const { accessToken, expiresInMs } = parseTokenResponse(spec.tokenUrl, response);
    cached = { token: accessToken, refreshAtMs: refreshAt(requestedAtMs, expiresInMs, spec.refreshMarginMs) };
    return accessToken;
  }

  return {
    get requestCount() {
      return requestCount;
    },
    token() {
      if (cached !== undefined && now() < cached.refreshAtMs) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    close: () => dispatcher.close(),
  };
}

/** Refresh `marginMs` before expiry; a token that lives no longer than the margin is reused for half its life. */
function refreshAt(requestedAtMs: number, expiresInMs: number | undefined, marginMs: number): number {
  if (expiresInMs === undefined) return Number.POSITIVE_INFINITY;
  const usableMs = expiresInMs > marginMs ? expiresInMs - marginMs : expiresInMs / 2;
  return requestedAtMs + usableMs;
}

function formBody(spec: OAuth2Spec): string {
  const form = new URLSearchParams({ grant_type: spec.grant });
  if (spec.grant === 'password') {
    form.set('username', spec.username ?? '');
    form.set('password', spec.password ?? '');
  }
  if (spec.scope !== undefined) form.set('scope', spec.scope);
  return form.toString();
}

interface RawResponse {
  statusCode: number;
  body: string;
}

async function postForm(dispatcher: Dispatcher, url: string, authorization: string, body: string): Promise<RawResponse> {
  try {
    const response = await request(url, {
      dispatcher,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization },
      body,
      headersTimeout: TOKEN_TIMEOUT_MS,
      bodyTimeout: TOKEN_TIMEOUT_MS,
    });
    return { statusCode: response.statusCode, body: await response.body.text() };
  } catch (error) {
    const reason = (error as Error & { code?: string }).code ?? (error as Error).message;
    throw new GatebenchError('GB_TARGET_UNREACHABLE', `OAuth2 token request to ${url} failed: ${reason}`, {
      hint: 'check target.auth.tokenUrl and, for https, target.tls (caFile or insecure)',
      cause: error,
    });
  }
}

function parseTokenResponse(url: string, response: RawResponse): { accessToken: string; expiresInMs?: number } {
  const excerpt = response.body.slice(0, BODY_EXCERPT_CHARS);
  if (response.statusCode < 200 || response.statusCode > 299) {
    throw new GatebenchError('GB_TARGET_START_FAILED', `OAuth2 token request to ${url} returned HTTP ${response.statusCode}: ${excerpt}`, {
      hint: 'check target.auth clientId/clientSecret (sent as HTTP Basic auth), grant, username/password and scope',
    });
  }
  let parsed: { access_token?: unknown; expires_in?: unknown };
  try {
    parsed = JSON.parse(response.body) as typeof parsed;
  } catch {
    throw new GatebenchError('GB_TARGET_START_FAILED', `OAuth2 token response from ${url} is not JSON: ${excerpt}`);
  }
  if (typeof parsed.access_token !== 'string' || parsed.access_token === '') {
    throw new GatebenchError('GB_TARGET_START_FAILED', `OAuth2 token response from ${url} has no access_token: ${excerpt}`);
  }
  const expiresIn = typeof parsed.expires_in === 'string' ? Number(parsed.expires_in) : parsed.expires_in;
  const expiresInMs = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined;
  return { accessToken: parsed.access_token, expiresInMs };
}
