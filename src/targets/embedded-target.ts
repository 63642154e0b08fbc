import type { TargetSpec } from '../scenario/types.js';
import { openHeaderSource } from './auth/request-headers.js';
import { requireBackendUrl } from './backends/start-backend.js';
import { startEmbeddedGateway } from './embedded-gateway/index.js';
import { withoutTrailingSlash } from './target-paths.js';
import type { StartedBackend, StartedTarget } from './types.js';

export type EmbeddedTargetSpec = Extract<TargetSpec, { kind: 'embedded' }>;

/** `target: embedded`: gatebench's reference gateway on a free loopback port in front of the backend. */
export async function startEmbeddedTarget(spec: EmbeddedTargetSpec, backend: StartedBackend): Promise<StartedTarget> {
  // With requireToken and no auth configured, send that token: the point is to exercise the auth path.
  const auth = spec.auth.kind === 'none' && spec.requireToken !== undefined ? { kind: 'bearer' as const, token: spec.requireToken } : spec.auth;
  const { headers, started: gateway } = await openHeaderSource(spec.headers, auth, spec.tls, () =>
    startEmbeddedGateway({
      backendUrl: requireBackendUrl(backend, 'embedded'),
      workers: spec.workers,
      // Always its own process(es): the gateway must not share an event loop or a CPU figure with the load generator.
      isolate: true,
      requireToken: spec.requireToken,
      routes: spec.routes,
    }),
  );
  const role = gateway.workers === 1 ? 'gateway' : 'gateway-worker';
  const where = gateway.workers === 1 ? '1 worker process' : `${gateway.workers} worker processes`;
  return {
    baseUrl: gateway.url,
    echoPath: withoutTrailingSlash(spec.routes.echo),
    mediationPath: withoutTrailingSlash(spec.routes.mediation),
    requestHeaders: () => headers.headers(),
    processes: () => gateway.pids().map((pid) => ({ role, pid })),
    description: `gatebench reference gateway (Node ${process.versions.node}, undici, ${where}${spec.requireToken === undefined ? '' : ', bearer check'})`,
    async close() {
      await gateway.close();
      await headers.close();
    },
  };
}
