import * as hdr from 'hdr-histogram-js';
import { createHistogram, encodeHistogram, recordMicros, type Histogram } from '../metrics/histogram.js';
import { summarizeMs } from '../results/latency-summary.js';
import type { TimelineSecond } from '../results/types.js';

/**
 * Collects one point's samples from any number of files (runners) and turns them into PointResult figures.
 * Samples are recorded into one histogram per phase, so merging N runners is exact: the result is the same
 * as if every sample had come from one file. Per-second timelines are keyed by the absolute epoch second,
 * so the runners' seconds add up without any clock alignment step.
 */
export type Phase = 'warmup' | 'measure';

export interface ImportedSample {
  /** Epoch milliseconds the sample is timed at (k6: the sample's time; JMeter: start + elapsed). */
  timeMs: number;
  /** Undefined when no response came back (connection refused, timeout): counted, but kept out of latency. */
  latencyMs: number | undefined;
  phase: Phase;
  /** `2xx`, `4xx`, ...; undefined when there was no response. */
  statusClass: string | undefined;
  /** Error kind (`http_503`, `timeout`, `check_failed`, ...) when this request failed, else undefined. */
  errorKind: string | undefined;
}

interface SecondBucket {
  requests: number;
  errors: number;
  histogram: Histogram;
}

/** Per-second histograms are sparse ("packed") so a long point does not hold hundreds of full arrays. */
function createSecondHistogram(): Histogram {
  return hdr.build({ bitBucketSize: 'packed', lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

export class PhaseAccumulator {
  readonly histogram = createHistogram();
  requests = 0;
  errors = 0;
  firstMs = Number.POSITIVE_INFINITY;
  lastMs = Number.NEGATIVE_INFINITY;
  readonly statusCounts: Record<string, number> = {};
  readonly errorsByKind: Record<string, number> = {};
  private readonly seconds = new Map<number, SecondBucket>();

  add(sample: ImportedSample): void {
    this.requests++;
    this.firstMs = Math.min(this.firstMs, sample.timeMs);
    this.lastMs = Math.max(this.lastMs, sample.timeMs);
    const bucket = this.bucket(sample.timeMs);
    bucket.requests++;
    if (sample.latencyMs !== undefined) {
      recordMicros(this.histogram, sample.latencyMs * 1000);
      recordMicros(bucket.histogram, sample.latencyMs * 1000);
    }
    if (sample.statusClass !== undefined) this.statusCounts[sample.statusClass] = (this.statusCounts[sample.statusClass] ?? 0) + 1;
    if (sample.errorKind !== undefined) this.addError(sample.errorKind, sample.timeMs);
  }

  /** An error that is not a request of its own (k6 reports a failed body check as a separate sample). */
  addError(kind: string, timeMs: number): void {
    this.errors++;
    this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + 1;
    this.bucket(timeMs).errors++;
  }

  private bucket(timeMs: number): SecondBucket {
    const second = Math.floor(timeMs / 1000);
    let bucket = this.seconds.get(second);
    if (!bucket) {
      bucket = { requests: 0, errors: 0, histogram: createSecondHistogram() };
      this.seconds.set(second, bucket);
    }
    return bucket;
  }

  /** Seconds from the phase's first second; gaps (no sample in a second) are kept as zero rows. */
  timeline(): TimelineSecond[] {
    if (this.seconds.size === 0) return [];
    const keys = [...this.seconds.keys()];
    const first = Math.min(...keys);
    const last = Math.max(...keys);
    const rows: TimelineSecond[] = [];
    for (let second = first; second <= last; second++) {
      const bucket = this.seconds.get(second);
      const summary = bucket && bucket.histogram.totalCount > 0 ? summarizeMs(bucket.histogram) : undefined;
      rows.push({
        second: second - first,
        requests: bucket?.requests ?? 0,
        errors: bucket?.errors ?? 0,
        throughputRps: (bucket?.requests ?? 0) - (bucket?.errors ?? 0),
        p50Ms: summary?.p50 ?? 0,
        p99Ms: summary?.p99 ?? 0,
      });
    }
    return rows;
  }

  encoded(): string {
    return encodeHistogram(this.histogram);
  }
}
