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
import type { PointResult, SloVerdict } from '../results/types.js';
import type { Api, Scenario } from '../scenario/types.js';

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
  /** Where the local components ran (CPU lists), read back from the kernel after pinning. Absent in older runs. */
  placement?: CpuPlacement;
  /** The warm start before the first measured point; its requests are in no result. Absent when off or older. */
  priming?: PrimingRecord;
}

/** The CPUs each local component was given (`taskset` lists such as `0-1`); a role left out was not pinned. */
export interface CpuPlacement {
  /** `auto`, `pinned` (from the scenario) or `off` (nothing pinned). */
  mode: 'auto' | 'pinned' | 'off';
  /** The CPUs this run could use (gatebench's own affinity when it started). */
  hostCpus: string;
  gateway?: string;
  backend?: string;
  generator?: string;
  /** How many CPUs the gateway had: what per-vCPU comparisons divide by. null when it was not placed. */
  gatewayCpuCount: number | null;
  /** Each pinned process and the CPU list the kernel reports for it afterwards. */
  processes: Array<{ role: string; pid: number; cpus: string }>;
  /** Why nothing (or not everything) was pinned, in words. */
  note?: string;
}

/** One route primed before the first point: the per-second throughputs seen and whether they settled. */
export interface PrimedRoute {
  api: 'echo' | 'mediation' | 'direct';
  messageSizeBytes: number;
  backendSleepMs: number;
  /** The plan's highest level: users (closed) or rate (open). */
  concurrency?: number;
  rateRps?: number;
  durationS: number;
  /** Requests completed while priming (before, in and after its window), errors among them. */
  requests: number;
  errors: number;
  /** Throughput of each second, in order. */
  perSecondRps: number[];
  /** true: run until steady (each API's first size); false: a short fixed load (its other sizes). */
  untilSteady: boolean;
  steady: boolean;
}

export interface PrimingRecord {
  /** Longest time allowed in all (timing.prime). */
  maxS: number;
  durationS: number;
  routes: PrimedRoute[];
  /** e.g. `mediation-100KiB did not settle within its 3.0 s`. */
  notes: string[];
}

/** One request per route before any load: what came back (see src/run/preflight.ts). */
export type PreflightRecord =
  | { skipped: true }
  | { skipped: false; checks: Array<{ api: Api; url: string; messageSizeBytes: number; status: number; latencyMs: number }> };

/**
 * CPU and memory of one process over one point's measured window. Remote telemetry (monitor.prometheus) adds
 * entries too, role `gateway-host:<job>` or `backend-host:<job>` with pid 0, so utilisation reads one list.
 */
export interface ProcessUsage {
  role: string;
  /** 0 for a figure from remote telemetry (no local process). */
  pid: number;
  /** 100 = one core. */
  cpuPct: number;
  rssBytesMean: number;
  rssBytesMax: number;
}


export interface StoredPoint {
  schemaVersion: 1;
  runId: string;
  point: PlanPoint;
  result: PointResult;
  resources: ProcessUsage[];
  slo: SloVerdict;
  /** One entry per `monitor.prometheus` endpoint, scraped at the start and end of the measured window. */
  telemetry?: EndpointTelemetry[];
}

/** What one Prometheus endpoint said about one point's measured window (rates from counters over the window). */
export interface EndpointTelemetry {
  url: string;
  job: string;
  /** Which component the endpoint describes. */
  component: 'gateway' | 'backend';
  /** Seconds between the two scrapes. */
  windowS: number;
  /** Why a figure is missing: the scrape that failed and how, or the metrics that were absent. Empty when all is there. */
  failures: string[];
  cpu?: {
    /** `node`: the host's node_cpu_seconds_total; `process`: the exporting process's process_cpu_seconds_total. */
    source: 'node' | 'process';
    /** 100 = one core, summed over cores. */
    totalPct: number;
    /** Per core, 100 = that core fully busy (node only). */
    perCorePct?: number[];
  };
  /** Host memory in use at the end scrape (MemTotal - MemAvailable), or the process's resident memory. */
  memoryBytes?: number;
  /** Bytes per second over the window, all interfaces but loopback (node only). */
  network?: { receiveBytesPerSec: number; transmitBytesPerSec: number };
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
