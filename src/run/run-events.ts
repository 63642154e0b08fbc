import type { ProgressTick } from '../engine/types.js';
import type { PlanPoint } from '../plan/types.js';
import type { PreflightCheck } from './preflight.js';
import type { CpuPlacement, PrimingRecord, RunManifest, StoredPoint } from '../store/types.js';

/** Everything runPlan reports while it works; the CLI draws from these and nothing else. */
export type RunEvent =
  | { type: 'run-start'; runId: string; dir: string; plannedPoints: number; toRun: number; alreadyDone: number; resumed: boolean }
  | { type: 'components-ready'; targetDescription: string; backendDescription: string }
  | { type: 'preflight-passed'; checks: PreflightCheck[] }
  | { type: 'placed'; placement: CpuPlacement }
  | { type: 'priming-start'; maxS: number }
  | { type: 'priming-end'; priming: PrimingRecord }
  /** `number` counts from 1 among the points this session runs. */
  | { type: 'point-start'; point: PlanPoint; number: number; total: number }
  | { type: 'point-progress'; point: PlanPoint; tick: ProgressTick }
  | { type: 'point-end'; stored: StoredPoint; number: number; total: number }
  | { type: 'point-skipped'; point: PlanPoint; reason: string }
  | { type: 'series-stopped'; seriesKey: string; reason: string }
  | { type: 'point-abandoned'; point: PlanPoint; reason: string }
  | { type: 'warning'; message: string }
  | { type: 'run-end'; status: RunManifest['status']; dir: string };

export interface RunResult {
  runId: string;
  dir: string;
  status: RunManifest['status'];
  manifest: RunManifest;
  /** Every stored point of the run, earlier sessions' included, in the order they were measured. */
  points: StoredPoint[];
  /** Points of the plan that were not measured (series stopped, filtered out by --only, or interrupted). */
  notMeasured: PlanPoint[];
}
