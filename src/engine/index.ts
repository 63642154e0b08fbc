/** The built-in load engine: `runLoad` for one point, `builtinDriver` for the runner. */
import { runLoad, type RunLoadHooks } from './builtin/coordinator.js';
import type { Driver, LoadOptions, ProgressTick } from './types.js';
import type { PointResult } from '../results/types.js';

export { runLoad };
export type { RunLoadHooks };
export { defaultWorkerCount } from './builtin/split.js';
export { validateLoadOptions } from './validate.js';
export { errorCode } from './builtin/classify-error.js';
export type * from './types.js';
export { ENGINE_CLIENTS } from './types.js';

export const builtinDriver: Driver = {
  name: 'builtin',
  capabilities: { openModel: true, liveProgress: true },
  runPoint(options: LoadOptions, signal: AbortSignal, onProgress?: (tick: ProgressTick) => void): Promise<PointResult> {
    return runLoad(options, { signal, ...(onProgress === undefined ? {} : { onProgress }) });
  },
};
