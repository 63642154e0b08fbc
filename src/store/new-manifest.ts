import { gatebenchCommit, gatebenchVersion } from '../runtime/version.js';
import { hostInfo } from './host-info.js';
import type { RunManifest } from './types.js';

/**
 * The manifest of a new run, measured or imported: what produced it (schema version, gatebench version and
 * commit, this host) is filled in here; the caller gives the rest. Keys keep the manifest's documented order.
 */
export function newManifest(fields: Omit<RunManifest, 'schemaVersion' | 'gatebench' | 'host'>): RunManifest {
  const { runId, scenario, scenarioHash, ...rest } = fields;
  const commit = gatebenchCommit();
  return {
    schemaVersion: 1,
    runId,
    scenario,
    scenarioHash,
    gatebench: { version: gatebenchVersion(), ...(commit !== undefined && { gitCommit: commit }) },
    host: hostInfo(),
    ...rest,
  };
}
