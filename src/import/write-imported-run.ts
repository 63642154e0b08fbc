import { basename, resolve } from 'node:path';
import type { Scenario } from '../scenario/types.js';
import { createRunStore } from '../store/run-store.js';
import { newManifest } from '../store/new-manifest.js';
import type { StoredPoint, StoredRun } from '../store/types.js';

export interface ImportedRun {
  outDir: string;
  scenario: Scenario;
  scenarioHash: string;
  /** `k6` or `jmeter`. */
  source: string;
  targetDescription: string;
  backendDescription: string;
  plannedPoints: number;
  points: Array<Omit<StoredPoint, 'runId' | 'schemaVersion'>>;
}

/**
 * Writes imported points into a new run folder through the result store, so `analyze`, `report` and
 * `compare` read them like any run. The run id is the folder's name; the manifest's host is the machine that
 * imported (the load generators' own hosts are not in k6 or JMeter files).
 */
export async function writeImportedRun(run: ImportedRun): Promise<StoredRun> {
  const dir = resolve(run.outDir);
  const runId = basename(dir);
  const starts = run.points.map((point) => Date.parse(point.result.startedAt));
  const ends = run.points.map((point) => Date.parse(point.result.endedAt));
  const manifest = newManifest({
    runId,
    scenario: run.scenario,
    scenarioHash: run.scenarioHash,
    source: run.source,
    targetDescription: run.targetDescription,
    backendDescription: run.backendDescription,
    startedAt: new Date(starts.length > 0 ? Math.min(...starts) : Date.now()).toISOString(),
    status: 'running',
    plannedPoints: run.plannedPoints,
  });
  const store = await createRunStore(dir, manifest);
  for (const point of run.points) await store.appendPoint({ schemaVersion: 1, runId, ...point });
  await store.updateManifest({
    status: run.points.length === run.plannedPoints ? 'complete' : 'interrupted',
    endedAt: new Date(ends.length > 0 ? Math.max(...ends) : Date.now()).toISOString(),
  });
  return store.readRun();
}
