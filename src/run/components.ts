import type { Driver } from '../engine/types.js';
import { builtinDriver } from '../engine/index.js';
import type { BackendSpec, TargetSpec } from '../scenario/types.js';
import { startBackend, startTarget } from '../targets/index.js';
import type { StartedBackend, StartedTarget } from '../targets/types.js';
import { runPreflight, type PreflightCheck, type PreflightInput } from './preflight.js';

/** What the runner drives and measures; tests may swap any of these (e.g. a FakeDriver). */
export interface RunComponents {
  driver: Driver;
  startBackend(spec: BackendSpec): Promise<StartedBackend>;
  startTarget(spec: TargetSpec, backend: StartedBackend): Promise<StartedTarget>;
  /** One request per route before any load; throws GB_PREFLIGHT_FAILED naming the cause. */
  preflight(input: PreflightInput): Promise<PreflightCheck[]>;
}

export const defaultComponents: RunComponents = {
  driver: builtinDriver,
  // An own backend with no URL (behind an external gateway) is handled there too: url '', and a gateway we start rejects it.
  startBackend,
  startTarget,
  preflight: runPreflight,
};
