import { basename, resolve } from 'node:path';
import { GatebenchError } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { maskSecrets } from '../scenario/mask-secrets.js';
import type { Scenario } from '../scenario/types.js';
import { createRunDir } from '../store/run-id.js';
import { createRunStore, openRunStore, type RunStore } from '../store/run-store.js';
import { newManifest } from '../store/new-manifest.js';

/** Creates the run folder for a new run, or reopens one for --resume after checking it is the same scenario. */
export async function openRun(
  scenario: Scenario,
  plan: Plan,
  options: { outDir: string; runDir?: string; resumeDir?: string; now: Date; onWarning: (message: string) => void },
): Promise<{ store: RunStore; resumed: boolean }> {
  if (options.resumeDir !== undefined) {
    const store = await openRunStore(options.resumeDir, { onWarning: options.onWarning });
    const manifest = store.manifest();
    if (manifest.scenarioHash !== plan.scenarioHash) {
      throw new GatebenchError(
        'GB_RESUME_MISMATCH',
        `cannot resume ${options.resumeDir}: the scenario changed since that run started (hash ${manifest.scenarioHash.slice(0, 12)} then, ${plan.scenarioHash.slice(0, 12)} now)`,
        { hint: 'points measured under different settings must not be mixed; restore the scenario as it was (manifest.json holds it) or start a new run without --resume' },
      );
    }
    return { store, resumed: true };
  }
  // An explicit run folder (run --out) is the run's id too, as for import and k6 run.
  const { runId, dir } =
    options.runDir === undefined ? await createRunDir(options.outDir, scenario.name, options.now) : { runId: basename(resolve(options.runDir)), dir: resolve(options.runDir) };
  const manifest = newManifest({
    runId,
    scenario: maskSecrets(scenario),
    scenarioHash: plan.scenarioHash,
    source: 'gatebench',
    targetDescription: '(starting)',
    backendDescription: '(starting)',
    startedAt: options.now.toISOString(),
    status: 'running',
    plannedPoints: plan.points.length,
  });
  return { store: await createRunStore(dir, manifest), resumed: false };
}
