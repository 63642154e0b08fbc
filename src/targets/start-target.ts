import type { TargetSpec } from '../scenario/types.js';
import { startEmbeddedTarget } from './embedded-target.js';
import { startExternalTarget } from './external/external-target.js';
import { startNginxTarget } from './nginx-target.js';
import type { StartedBackend, StartedTarget } from './types.js';

/** Starts the system under test in front of `backend` (or, for `external`, attaches to it). */
export async function startTarget(spec: TargetSpec, backend: StartedBackend): Promise<StartedTarget> {
  switch (spec.kind) {
    case 'embedded':
      return startEmbeddedTarget(spec, backend);
    case 'nginx':
      return startNginxTarget(spec, backend);
    case 'external':
      return startExternalTarget(spec, backend);
  }
}
