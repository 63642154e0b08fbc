import { GatebenchError } from '../../errors.js';
import type { TargetSpec } from '../../scenario/types.js';
import { openHeaderSource } from '../auth/request-headers.js';
import { withoutTrailingSlash } from '../target-paths.js';
import type { StartedBackend, StartedTarget } from '../types.js';
import { startGatewayCommand, type StartedCommand } from './start-command.js';

export type ExternalTargetSpec = Extract<TargetSpec, { kind: 'external' }>;

/**
 * `target: external`: a gateway known only by its base URL, routes, headers and auth. Nothing here assumes
 * it is ours; an OAuth2 token is fetched once up front so bad credentials fail before the first point.
 * With `start`, gatebench runs the gateway's own start command (a gateways/<name>/ recipe) on loopback,
 * samples the CPU/RSS of its process tree, and stops it at the end.
 */
export async function startExternalTarget(spec: ExternalTargetSpec, backend?: StartedBackend): Promise<StartedTarget> {
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
  const startSpec = spec.start;
  const { headers, started } = await openHeaderSource(spec.headers, spec.auth, spec.tls, async (): Promise<StartedCommand | undefined> =>
    startSpec === undefined
      ? undefined
      : startGatewayCommand({
          command: startSpec.command,
          cwd: startSpec.cwd,
          host: base.hostname.replace(/^\[|\]$/g, ''),
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol === 'https:' ? 'https:' : 'http:',
          backendUrl: backend?.url ?? '',
          readyTimeoutMs: startSpec.readyTimeoutMs,
        }),
  );
  const baseUrl = withoutTrailingSlash(base.href);
  if (started !== undefined) {
    return {
      baseUrl,
      echoPath: withoutTrailingSlash(spec.routes.echo),
      mediationPath: withoutTrailingSlash(spec.routes.mediation),
      requestHeaders: () => headers.headers(),
      processes: () => started.processes(),
      recentOutput: () => started.output(),
      description: `gateway started by "${startSpec?.command}" in ${startSpec?.cwd} at ${baseUrl} (auth: ${describeAuth(spec.auth.kind)})`,
      async close() {
        await started.close();
        await headers.close();
      },
    };
  }
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
