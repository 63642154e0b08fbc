import { CompactHistogram } from '../../metrics/compact-histogram.js';
import type { TimelineSecond, TimelineSlice } from '../../results/types.js';
import type { WorkerSlice } from './protocol.js';
import { SLICE_MS } from './recorder.js';

const MICROS_PER_MS = 1000;
const SLICES_PER_SECOND = 1000 / SLICE_MS;

interface PendingSlice {
  parts: number;
  requests: number;
  errors: number;
  latency: CompactHistogram;
}

/** A timeline row before its throughput (which needs the phase's final length). */
type SecondRow = Omit<TimelineSecond, 'throughputRps'>;

/**
 * Builds one phase's timeline on the coordinator from the workers' 100 ms slices as they stream in. A slice is
 * final once every worker has sent it (each sends every slice, in order), and is then folded into its second;
 * only the slices still waiting for a worker and the current second are held, so memory stays flat over hours.
 * Counts add exactly; the per-second (and per-slice) p50 and p99 come from the merged compact histograms
 * (within 0.4 %).
 */
export class PhaseTimeline {
  private readonly pending = new Map<number, PendingSlice>();
  private readonly spare: CompactHistogram[] = [];
  private nextIndex = 0;
  private second: PendingSlice & { index: number } = { index: -1, parts: 0, requests: 0, errors: 0, latency: new CompactHistogram() };
  private readonly rows: SecondRow[] = [];
  private readonly sliceRows: TimelineSlice[] | undefined;

  constructor(
    private readonly workers: number,
    keepSlices: boolean,
  ) {
    this.sliceRows = keepSlices ? [] : undefined;
  }

  /** Slices received from some workers but not all yet. */
  get pendingSlices(): number {
    return this.pending.size;
  }

  add(slice: WorkerSlice): void {
    if (slice.index < this.nextIndex) return; // already final (only after finish)
    let entry = this.pending.get(slice.index);
    if (entry === undefined) {
      entry = { parts: 0, requests: 0, errors: 0, latency: this.spare.pop() ?? new CompactHistogram() };
      this.pending.set(slice.index, entry);
    }
    entry.parts++;
    entry.requests += slice.requests;
    entry.errors += slice.errors;
    entry.latency.addEncoded(slice.latency);
    for (let next = this.pending.get(this.nextIndex); next !== undefined && next.parts >= this.workers; next = this.pending.get(this.nextIndex)) {
      this.finalize(this.nextIndex, next);
    }
  }

  /** The rows, with every slice still waiting finalized as it is; `phaseS` is the phase's length (its last second may be partial). */
  finish(phaseS: number): { seconds: TimelineSecond[]; slices: TimelineSlice[] | undefined } {
    for (const index of [...this.pending.keys()].sort((a, b) => a - b)) this.finalize(index, this.pending.get(index)!);
    this.closeSecond();
    const seconds = this.rows.map((row) => {
      // The last second of a phase may be partial: divide by the time it really covered. Goodput, as the point's.
      const coveredS = Math.min(1, Math.max(0, phaseS - row.second));
      return { second: row.second, requests: row.requests, errors: row.errors, throughputRps: coveredS > 0 ? (row.requests - row.errors) / coveredS : row.requests - row.errors, p50Ms: row.p50Ms, p99Ms: row.p99Ms };
    });
    return { seconds, slices: this.sliceRows };
  }

  private finalize(index: number, entry: PendingSlice): void {
    this.pending.delete(index);
    this.nextIndex = index + 1;
    this.sliceRows?.push({ index, requests: entry.requests, errors: entry.errors, p50Ms: percentileMs(entry.latency, 50), p99Ms: percentileMs(entry.latency, 99) });
    const secondIndex = Math.floor(index / SLICES_PER_SECOND);
    if (secondIndex !== this.second.index) {
      this.closeSecond();
      this.second.index = secondIndex;
    }
    this.second.requests += entry.requests;
    this.second.errors += entry.errors;
    this.second.latency.add(entry.latency);
    entry.latency.reset();
    this.spare.push(entry.latency);
  }

  private closeSecond(): void {
    const second = this.second;
    if (second.index >= 0) {
      this.rows.push({ second: second.index, requests: second.requests, errors: second.errors, p50Ms: percentileMs(second.latency, 50), p99Ms: percentileMs(second.latency, 99) });
    }
    second.index = -1;
    second.requests = 0;
    second.errors = 0;
    second.latency.reset();
  }
}

function percentileMs(histogram: CompactHistogram, percentile: number): number {
  return histogram.valueAtPercentile(percentile) / MICROS_PER_MS;
}
