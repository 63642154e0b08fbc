import { MockBackendAdmin, startMockBackend } from '../../../mock-backend/index.js';
import { GatebenchError } from '../../errors.js';
import type { BackendSpec } from '../../scenario/types.js';
import type { StartedBackend } from '../types.js';
import { setMockSleepMs } from './mock-sleep.js';

/** Starts (or attaches to) the backend behind the gateway. */
export async function startBackend(spec: BackendSpec): Promise<StartedBackend> {
  switch (spec.kind) {
    case 'embedded': {
      // isolate: even one worker gets its own process, so the backend's event loop and CPU are not the runner's.
      const backend = await startMockBackend({ workers: spec.workers, isolate: true });
      return {
        url: backend.url,
        setSleepMs: (sleepMs) => setMockSleepMs(backend.admin, sleepMs),
        processes: () => backend.pids().map((pid) => ({ role: 'backend', pid })),
        description: `gatebench mock backend (${backend.workers} worker process${backend.workers === 1 ? '' : 'es'})`,
        close: () => backend.close(),
      };
    }
    case 'external-mock': {
      const admin = new MockBackendAdmin(spec.adminUrl, spec.adminToken);
      return {
        url: spec.url,
        setSleepMs: (sleepMs) => setMockSleepMs(admin, sleepMs),
        processes: () => [],
        description: `gatebench mock backend at ${spec.url} (started separately; admin ${spec.adminUrl})`,
        close: async () => {},
      };
    }
    case 'own':
      // Behind an external gateway gatebench never talks to the backend, so it may have no URL here;
      // a gateway gatebench starts checks for one (requireBackendUrl).
      return {
        url: spec.url ?? '',
        processes: () => [],
        description:
          spec.url === undefined
            ? 'your own backend, behind the gateway (not controlled by gatebench)'
            : `your own backend at ${spec.url} (sleep not controlled by gatebench)`,
        close: async () => {},
      };
  }
}

/** A gateway gatebench starts must know where to forward. */
export function requireBackendUrl(backend: StartedBackend, targetKind: string): string {
  if (backend.url !== '') return backend.url;
  throw new GatebenchError('GB_CONFIG_INVALID', `backend.url: target: ${targetKind} forwards to your backend, so it needs backend.url`, {
    hint: 'set backend.url, or use backend: embedded to let gatebench start its mock backend',
  });
}
