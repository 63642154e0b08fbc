import type { Driver } from '../engine/types.js';
import { builtinDriver } from '../engine/index.js';
import type { BackendSpec, TargetSpec } from '../scenario/types.js';
import { startBackend, startTarget } from '../targets/index.js';
import type { StartedBackend, StartedTarget } from '../targets/types.js';

/** What the runner drives and measures; tests may swap any of these (e.g. a FakeDriver). */
export interface RunComponents {
  driver: Driver;
  startBackend(spec: BackendSpec): Promise<StartedBackend>;
  startTarget(spec: TargetSpec, backend: StartedBackend): Promise<StartedTarget>;
}

export const defaultComponents: RunComponents = {
  driver: builtinDriver,
  startBackend: (spec) =>
    // An own backend behind an external gateway needs no address: gatebench never talks to it.
    spec.kind === 'own' && spec.url === undefined
      ? Promise.resolve({
          url: '',
          processes: () => [],
          description: 'your own backend, behind the external gateway (not controlled by gatebench)',
          close: async () => {},
        })
      : startBackend(spec),
  startTarget,
};
