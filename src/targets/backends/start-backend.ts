import { GatebenchError } from '../../errors.js';
import type { BackendSpec } from '../../scenario/types.js';
import type { StartedBackend } from '../types.js';
import { putMockSleepMs } from './mock-admin-client.js';

/** Starts (or attaches to) the backend behind the gateway. */
export async function startBackend(spec: BackendSpec): Promise<StartedBackend> {
  switch (spec.kind) {
    case 'embedded':
      // STUB until mock-backend/index.ts (startMockBackend) lands in the tree.
      throw new GatebenchError('GB_NOT_AVAILABLE', 'backend: embedded is not wired yet (mock-backend/index.ts has not landed)');
    case 'external-mock':
      return {
        url: spec.url,
        setSleepMs: (sleepMs) => putMockSleepMs(spec.adminUrl, sleepMs),
        processes: () => [],
        description: `gatebench mock backend at ${spec.url} (started separately; admin ${spec.adminUrl})`,
        close: async () => {},
      };
    case 'own':
      if (spec.url === undefined) {
        throw new GatebenchError('GB_CONFIG_INVALID', 'backend.url: the target needs to know where your backend is', {
          hint: 'set backend.url, or use backend: embedded to let gatebench start its mock backend',
        });
      }
      return {
        url: spec.url,
        processes: () => [],
        description: `your own backend at ${spec.url} (sleep not controlled by gatebench)`,
        close: async () => {},
      };
  }
}
