/** The capacity plan contract: `planCapacity()` returns CapacityPlan (`gatebench plan --json`). */
import type { BaselinePoint, MachineDescription } from '../../baselines/types.js';
import type { Api } from '../../scenario/types.js';
import type { ConfidenceInterval } from '../types.js';
import type { UslOutcome } from '../fit/types.js';

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

/** Whether a per-instance capacity is the gateway's or the sweep's (src/analysis/capacity/sweep-bound.ts). */
export interface UslExtrapolation {
  /** The USL peak N* beyond the largest measured N, and X(N*) with its bootstrap interval. */
  concurrency: number;
  throughputRps: number;
  interval: ConfidenceInterval;
  /** Mean response time the fit implies at N* (Little's law, N/X − Z); p99 there was not measured. */
  meanResponseTimeMs: number;
  note: string;
}

export interface SweepBound {
  /** `within-sweep`: the SLO or the gateway limited the capacity inside the measured range. */
  status: 'within-sweep' | 'sweep-bounded';
  maxMeasuredConcurrency: number;
  /** Time per request cycle at the chosen level, N / X (response time plus think time). */
  cycleTimeMs: number;
  /** Users one instance needs, at least, to carry the whole target rate: targetRps × cycle time. */
  usersForTargetRps: number;
  /** (X_top / X_prev − 1) / (N_top / N_prev − 1) over the last measured step; null with one level. */
  lastStepGain: number | null;
  /** In words, with the figures. */
  explanation: string;
  /** Sweep-bounded and the series' USL fit locates a peak beyond the sweep: its capacity, marked as an extrapolation. */
  extrapolation?: UslExtrapolation;
  /** Sweep-bounded: the concurrency levels to measure next (doubling up to the users the target needs). */
  widerSweep?: number[];
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
  /** Spread: min/max over repetitions, widened by the level's 95 % interval and by the USL CI when fitted. */
  perInstanceLowRps: number;
  perInstanceHighRps: number;
  /** Whether the sweep, not the gateway, set this capacity (Little's law), and what to do about it. */
  sweep: SweepBound;
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

export type PlanAnswer =
  | { kind: 'measured'; explanation: string }
  | { kind: 'usl-extrapolation'; estimate: InstanceEstimate; explanation: string }
  | { kind: 'sweep-bounded'; instancesAtMost: number; widerSweep: number[]; explanation: string };

export interface CapacityPlan {
  schemaVersion: 1;
  request: CapacityRequest;
  runId: string;
  machine: MachineDescription;
  perEntry: EntryCapacity[];
  estimate: InstanceEstimate;
  /** Concurrency each instance runs at (weighted by the mix). */
  concurrencyPerInstance: number;
  /**
   * What the instance count is. `measured`: `estimate` is the answer. `usl-extrapolation`: some entry's capacity
   * was sweep-bounded and is replaced by its USL peak; `estimate` here is the answer, marked as extrapolated.
   * `sweep-bounded`: the sweep stopped before the gateway did; plan.estimate.instances is only an upper bound,
   * never a capacity, and `widerSweep` names the levels to measure.
   */
  answer: PlanAnswer;
  baselines: BaselinePlan[];
  warnings: string[];
}
