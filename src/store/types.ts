/**
 * The result store: one folder per run, `results/<run-id>/`.
 *
 *   manifest.json          RunManifest, rewritten at start, on every status change and at the end
 *   points.jsonl           one StoredPoint per line, appended and fsync'ed as soon as a point ends
 *   histograms/<pointId>.hgrm   HDR percentile distribution (text) of each point's latency
 *   summary.csv            WSO2-compatible columns, rewritten after each point
 *
 * Analysis, reports, `compare` and the k6/JMeter importers all read and write through this contract.
 */
import type { PlanPoint } from '../plan/types.js';
import type { PointResult } from '../results/types.js';
import type { Scenario } from '../scenario/types.js';

export interface HostInfo {
  hostname: string;
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  nodeVersion: string;
}

export interface RunManifest {
  schemaVersion: 1;
  runId: string;
  /** The resolved scenario (secrets replaced by `***`). */
  scenario: Scenario;
  scenarioHash: string;
  gatebench: { version: string; gitCommit?: string };
  host: HostInfo;
  /** How the results were produced: `gatebench`, `k6`, `jmeter`. */
  source: string;
  targetDescription: string;
  backendDescription: string;
  startedAt: string;
  endedAt?: string;
  status: 'running' | 'complete' | 'interrupted' | 'failed';
  plannedPoints: number;
  /** The check of the target before the first point; `skipped` only when asked (run --skip-preflight). */
  preflight?: PreflightRecord;
}

/** One request per route before any load: what came back (see src/run/preflight.ts). */
export type PreflightRecord =
  | { skipped: true }
  | { skipped: false; checks: Array<{ api: 'echo' | 'mediation'; url: string; messageSizeBytes: number; status: number; latencyMs: number }> };

/** CPU and memory of one local process over one point's measured window. */
export interface ProcessUsage {
  role: string;
  pid: number;
  /** 100 = one core. */
  cpuPct: number;
  rssBytesMean: number;
  rssBytesMax: number;
}

export interface SloVerdict {
  pass: boolean;
  /** Why it failed, in words; empty when it passed or no SLO was set. */
  reasons: string[];
}

export interface StoredPoint {
  schemaVersion: 1;
  runId: string;
  point: PlanPoint;
  result: PointResult;
  resources: ProcessUsage[];
  slo: SloVerdict;
}

export interface StoredRun {
  dir: string;
  manifest: RunManifest;
  points: StoredPoint[];
}

export interface ResultStore {
  /** Appends one finished point durably (written and flushed before it returns). */
  appendPoint(point: StoredPoint): Promise<void>;
  updateManifest(patch: Partial<RunManifest>): Promise<void>;
  readRun(): Promise<StoredRun>;
}
