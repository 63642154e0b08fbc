import type { TargetSpec } from '../scenario/types.js';
import { openHeaderSource } from './auth/request-headers.js';
import { requireBackendUrl } from './backends/start-backend.js';
import { startNginx } from './nginx/start-nginx.js';
import { withoutTrailingSlash } from './target-paths.js';
import type { StartedBackend, StartedTarget } from './types.js';

export type NginxTargetSpec = Extract<TargetSpec, { kind: 'nginx' }>;

/** `target: nginx`: real nginx (njs for the mediation) started by gatebench in front of the backend. */
export async function startNginxTarget(spec: NginxTargetSpec, backend: StartedBackend): Promise<StartedTarget> {
  const { headers, started: nginx } = await openHeaderSource(spec.headers, spec.auth, spec.tls, () =>
    startNginx({
      backendUrl: requireBackendUrl(backend, 'nginx'),
      workers: spec.workers,
      echoPrefix: spec.routes.echo,
      mediationPrefix: spec.routes.mediation,
      binary: spec.binary,
    }),
  );
  return {
    baseUrl: `http://127.0.0.1:${nginx.port}`,
    echoPath: withoutTrailingSlash(spec.routes.echo),
    mediationPath: withoutTrailingSlash(spec.routes.mediation),
    requestHeaders: () => headers.headers(),
    processes: () => nginx.pids(),
    description: `nginx ${nginx.version} (${spec.workers} worker${spec.workers === 1 ? '' : 's'}) with njs`,
    async close() {
      await nginx.close();
      await headers.close();
    },
  };
}
