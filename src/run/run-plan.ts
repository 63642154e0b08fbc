import { setTimeout as sleep } from 'node:timers/promises';
import { wso2Payload } from '../payload.js';
import { selectPoints } from '../plan/point-filter.js';
import type { Plan, PlanPoint } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import type { RunStore } from '../store/run-store.js';
import type { RunManifest, StoredPoint } from '../store/types.js';
import type { StartedBackend, StartedTarget } from '../targets/types.js';
import { defaultComponents, type RunComponents } from './components.js';
import { measurePoint, type PointContext } from './measure-point.js';
import { openRun } from './open-run.js';
import { applyPlacement, type AppliedPlacement } from './placement.js';
import { primeRoutes } from './prime.js';
import type { RunEvent, RunResult } from './run-events.js';
import { RunHandle } from './run-handle.js';
import { SeriesStopper } from './series-stopper.js';
import { checkDriverCapabilities } from './driver-capabilities.js';
import type { PreflightInput } from './preflight.js';
import { sloVerdict } from '../results/slo-verdict.js';

export interface RunPlanOptions {
  /** Folder that holds run folders; a new run goes to `<outDir>/<run-id>/`. Default `results`. */
  outDir?: string;
  /** The run folder itself (CLI `run --out`); wins over outDir. It must not hold a run already. */
  runDir?: string;
  /** Continue the run in this folder: finished points are skipped; refused if the scenario changed. */
  resumeDir?: string;
  /** Run only the matching points (see src/plan/point-filter.ts and docs/scenarios.md). */
  only?: string;
  /** Aborting abandons the point in flight (it is not stored), keeps every finished point, marks the run `interrupted`. */
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Driver and system starters; the built-in engine and targets by default. */
  components?: Partial<RunComponents>;
  /** Send no preflight request before the first point (recorded in the manifest as skipped). */
  skipPreflight?: boolean;
  /** Clock for the run id and manifest times (tests). */
  now?: () => Date;
}

/**
 * Runs a plan point by point into a run folder. Returns a RunHandle: subscribe to its events, await it for
 * the RunResult. A kill -9 loses at most the point in flight (each finished point is fsync'ed first).
 */
export function runPlan(scenario: Scenario, plan: Plan, options: RunPlanOptions = {}): RunHandle {
  return new RunHandle((emit) => executeRun(scenario, plan, options, emit), options.onEvent);
}

async function executeRun(scenario: Scenario, plan: Plan, options: RunPlanOptions, emit: (event: RunEvent) => void): Promise<RunResult> {
  const components = { ...defaultComponents, ...options.components };
  const signal = options.signal ?? new AbortController().signal;
  const now = options.now ?? (() => new Date());
  const selected = selectPoints(plan.points, options.only);
  checkDriverCapabilities(components.driver, selected);
  const warn = (message: string): void => emit({ type: 'warning', message });
  const { store, resumed } = await openRun(scenario, plan, { outDir: options.outDir ?? 'results', runDir: options.runDir, resumeDir: options.resumeDir, now: now(), onWarning: warn });
  const stopper = new SeriesStopper(scenario.slo.stopSeriesWhen);
  const done = new Set(store.points().map((stored) => stored.point.pointId));
  for (const stored of store.points()) stopper.observe(stored);
  const toRun = selected.filter((point) => !done.has(point.pointId));
  emit({ type: 'run-start', runId: store.manifest().runId, dir: store.dir, plannedPoints: plan.points.length, toRun: toRun.length, alreadyDone: done.size, resumed });

  let status: RunManifest['status'];
  let backend: StartedBackend | undefined;
  let target: StartedTarget | undefined;
  let placement: AppliedPlacement | undefined;
  try {
    await store.updateManifest({ status: 'running' });
    if (toRun.length > 0) {
      backend = await components.startBackend(scenario.backend);
      target = await components.startTarget(scenario.target, backend);
      await store.updateManifest({ targetDescription: target.description, backendDescription: backend.description });
      emit({ type: 'components-ready', targetDescription: target.description, backendDescription: backend.description });
      placement = await applyPlacement(scenario.placement, { gateway: target.processes(), backend: backend.processes() });
      await store.updateManifest({ placement: placement.record });
      emit({ type: 'placed', placement: placement.record });
      const bodies = new Map<number, Uint8Array>();
      const body = (bytes: number): Uint8Array => bodies.get(bytes) ?? bodies.set(bytes, wso2Payload(bytes)).get(bytes)!;
      await checkTarget({ scenario, points: toRun, target, backend, body }, components, options.skipPreflight === true, store, emit);
      const context: PointContext = { scenario, driver: components.driver, target, backend, body, signal, emit };
      // The warm start runs after the preflight: a dead target fails fast before any priming load.
      if (scenario.timing.primeMaxMs > 0) {
        emit({ type: 'priming-start', maxS: scenario.timing.primeMaxMs / 1000 });
        const priming = await primeRoutes(toRun, context, scenario.timing.primeMaxMs);
        await store.updateManifest({ priming });
        emit({ type: 'priming-end', priming });
      }
      await runPoints(toRun, context, store, stopper);
    }
    status = signal.aborted ? 'interrupted' : 'complete';
  } catch (error) {
    await store.updateManifest({ status: signal.aborted ? 'interrupted' : 'failed', endedAt: now().toISOString() }).catch(() => undefined);
    throw error;
  } finally {
    await placement?.restore().catch((error: unknown) => warn(`giving gatebench back its CPUs failed: ${String(error)}`));
    await target?.close().catch((error: unknown) => warn(`closing the target failed: ${String(error)}`));
    await backend?.close().catch((error: unknown) => warn(`closing the backend failed: ${String(error)}`));
  }
  await store.updateManifest({ status, endedAt: now().toISOString() });
  emit({ type: 'run-end', status, dir: store.dir });
  const run = await store.readRun();
  // `complete` means this session ran all it was asked; points left out by --only or a stopped series are listed.
  const measuredIds = new Set(run.points.map((stored) => stored.point.pointId));
  const notMeasured = plan.points.filter((point) => !measuredIds.has(point.pointId));
  return { runId: run.manifest.runId, dir: store.dir, status, manifest: run.manifest, points: run.points, notMeasured };
}

/** The preflight (or its recorded skip); throws GB_PREFLIGHT_FAILED before any load when the target is wrong. */
async function checkTarget(input: PreflightInput, components: RunComponents, skip: boolean, store: RunStore, emit: (event: RunEvent) => void): Promise<void> {
  if (skip) {
    await store.updateManifest({ preflight: { skipped: true } });
    emit({ type: 'warning', message: 'preflight skipped (--skip-preflight): a dead or wrong target will show only in the points' });
    return;
  }
  const checks = await components.preflight(input);
  await store.updateManifest({ preflight: { skipped: false, checks } });
  emit({ type: 'preflight-passed', checks });
}

/** Measures the points in order, storing each before the next; stops early on abort. */
async function runPoints(toRun: PlanPoint[], context: PointContext, store: RunStore, stopper: SeriesStopper): Promise<void> {
  const { scenario, signal, emit } = context;
  let number = 0;
  for (const point of toRun) {
    if (signal.aborted) return;
    const skip = stopper.skipReason(point);
    if (skip !== undefined) {
      emit({ type: 'point-skipped', point, reason: skip });
      continue;
    }
    if (number > 0 && scenario.timing.pauseMs > 0) await sleep(scenario.timing.pauseMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    number++;
    emit({ type: 'point-start', point, number, total: toRun.length });
    const measured = await measurePoint(point, context);
    if (measured === undefined) {
      emit({ type: 'point-abandoned', point, reason: 'interrupted; it will be measured again on --resume' });
      return;
    }
    const stored: StoredPoint = {
      schemaVersion: 1,
      runId: store.manifest().runId,
      point,
      result: measured.result,
      resources: measured.resources,
      slo: sloVerdict(scenario.slo, measured.result),
      ...(measured.telemetry !== undefined && { telemetry: measured.telemetry }),
    };
    await store.appendPoint(stored);
    emit({ type: 'point-end', stored, number, total: toRun.length });
    const stopReason = stopper.observe(stored);
    if (stopReason !== undefined) emit({ type: 'series-stopped', seriesKey: point.seriesKey, reason: stopReason });
  }
}
