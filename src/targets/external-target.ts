import { GatebenchError } from '../errors.js';
import type { TargetSpec } from '../scenario/types.js';
import { openHeaderSource } from './auth/request-headers.js';
import { withoutTrailingSlash } from './target-paths.js';
import type { StartedTarget } from './types.js';

export type ExternalTargetSpec = Extract<TargetSpec, { kind: 'external' }>;

/**
 * `target: external`: a gateway someone else runs, known only by its base URL, routes, headers and
 * auth. Nothing here assumes it is ours; an OAuth2 token is fetched once up front so bad
 * credentials fail before the first point, not in the middle of a run.
 */
export async function startExternalTarget(spec: ExternalTargetSpec): Promise<StartedTarget> {
  let base: URL;
  try {
    base = new URL(spec.baseUrl);
  } catch {
    throw new GatebenchError('GB_CONFIG_INVALID', `target.baseUrl: "${spec.baseUrl}" is not a URL`, {
      hint: 'write it as http(s)://host:port, e.g. https://apim.example.com:8243',
    });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new GatebenchError('GB_CONFIG_INVALID', `target.baseUrl: "${spec.baseUrl}" must be http or https`);
  }
  const { headers } = await openHeaderSource(spec.headers, spec.auth, spec.tls, async () => undefined);
  const baseUrl = withoutTrailingSlash(base.href);
  return {
    baseUrl,
    echoPath: withoutTrailingSlash(spec.routes.echo),
    mediationPath: withoutTrailingSlash(spec.routes.mediation),
    requestHeaders: () => headers.headers(),
    processes: () => [],
    description: `external gateway at ${baseUrl} (auth: ${describeAuth(spec.auth.kind)})`,
    close: () => headers.close(),
  };
}

function describeAuth(kind: ExternalTargetSpec['auth']['kind']): string {
  return kind === 'oauth2' ? 'OAuth2 token' : kind === 'bearer' ? 'static bearer token' : 'none';
}
