/** The capacity plan contract: `planCapacity()` returns CapacityPlan (`gatebench plan --json`). */
import type { BaselinePoint, MachineDescription } from '../../baselines/types.js';
import type { Api } from '../../scenario/types.js';

// ---------------------------------------------------------------------------------------------------------------
// Capacity planning

export interface MixEntry {
  /** Label for tables, e.g. `orders` from a mix file, or `echo`. */
  name: string;
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  /** Share of requests (normalized to sum 1). */
  weight: number;
}

export interface CapacityRequest {
  targetRps: number;
  mix: MixEntry[];
  sloP99Ms: number;
  headroomPct: number;
}

/** The capacity of one instance for one mix entry. */
export interface EntryCapacity {
  entry: MixEntry;
  /** The measured series used (exact size/sleep match), or how the entry was bridged (size model). */
  basis: string;
  /** Highest measured concurrency whose p99 <= SLO, and the throughput there (mean of repetitions). */
  concurrency: number;
  p99LatencyMs: number;
  perInstanceRps: number;
  /** Spread: min/max over repetitions, widened by the USL CI when fitted. */
  perInstanceLowRps: number;
  perInstanceHighRps: number;
}

export interface InstanceEstimate {
  /** Weighted harmonic combination of per-entry capacities: 1 / sum(w_i / C_i). */
  perInstanceRps: number;
  perInstanceLowRps: number;
  perInstanceHighRps: number;
  /** perInstanceRps * (1 - headroom). */
  usablePerInstanceRps: number;
  instances: number;
  /** From the high capacity (optimistic) and the low capacity (pessimistic). */
  instancesLow: number;
  instancesHigh: number;
  /** The arithmetic written out, one line per step. */
  working: string[];
}

export interface BaselinePlan {
  label: string;
  machine: MachineDescription;
  /** The rows used, verbatim, with their sources. */
  rows: BaselinePoint[];
  estimate: InstanceEstimate | null;
  /** Which rows were picked and why, or why none could be. */
  note: string;
}

export interface CapacityPlan {
  request: CapacityRequest;
  runId: string;
  machine: MachineDescription;
  perEntry: EntryCapacity[];
  estimate: InstanceEstimate;
  /** Concurrency each instance runs at (weighted by the mix). */
  concurrencyPerInstance: number;
  baselines: BaselinePlan[];
  warnings: string[];
}
