import { runK6, type K6RunOptions } from '../k6/run-k6.js';
import type { Scenario } from '../scenario/types.js';
import { importK6, type K6ImportResult } from './k6-import.js';

/**
 * `gatebench k6 run`: runs the scenario with k6 (src/k6/run-k6.ts) and imports its output into the run folder.
 * It lives in import/, the stage above k6, so that k6 never imports the importer (no k6 <-> import cycle).
 */
export async function runWithK6(scenario: Scenario, options: K6RunOptions = {}): Promise<K6ImportResult & { k6Version: string }> {
  const ran = await runK6(scenario, options);
  const imported = await importK6({ files: ran.files, outDir: ran.outDir, scenario, k6Version: ran.k6Version });
  return { ...imported, k6Version: ran.k6Version };
}
