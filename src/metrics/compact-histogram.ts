/**
 * A small, fixed-size log-linear histogram of microseconds for timeline slices (one second, or 100 ms):
 * 256 exact values below 256 µs, then 128 sub-buckets per power of two up to 1 hour, so any value is
 * kept within 0.4 % (half a sub-bucket). 3,328 counters (13 KiB), whatever the load; recording is a few integer
 * operations. It crosses threads as a sparse list of (bucket, count) pairs: far cheaper to build and merge than
 * hdr-histogram-js's compressed encoding (milliseconds each), which stays the format of the per-phase histograms.
 * Percentiles from it are timeline figures only; every headline figure comes from the full HDR histogram.
 */

const SUB_BUCKET_BITS = 8;
const SUB_BUCKETS = 1 << SUB_BUCKET_BITS; // 256 exact values, then half that per power of two
const HALF = SUB_BUCKETS >> 1;
/** 1 hour in µs, as the HDR histograms' range. */
export const COMPACT_MAX_MICROS = 3_600_000_000;
const TOP_EXPONENT = 31 - (SUB_BUCKET_BITS - 1); // highest power-of-two bucket needed for 2^32 > 1 h
export const COMPACT_BUCKETS = SUB_BUCKETS + TOP_EXPONENT * HALF;

/** Sparse form: [bucket, count, bucket, count, ...], buckets ascending. */
export type CompactEncoded = number[];

function bucketOf(micros: number): number {
  const value = micros < 1 ? 1 : micros > COMPACT_MAX_MICROS ? COMPACT_MAX_MICROS : Math.round(micros);
  if (value < SUB_BUCKETS) return value;
  // exponent >= 1: value >> exponent lies in [HALF, SUB_BUCKETS).
  const exponent = 31 - Math.clz32(value) - (SUB_BUCKET_BITS - 1);
  return SUB_BUCKETS + (exponent - 1) * HALF + ((value >>> exponent) - HALF);
}

/** The middle of a bucket's range, in µs. */
function bucketValue(bucket: number): number {
  if (bucket < SUB_BUCKETS) return bucket;
  const exponent = Math.floor((bucket - SUB_BUCKETS) / HALF) + 1;
  const sub = ((bucket - SUB_BUCKETS) % HALF) + HALF;
  return sub * 2 ** exponent + (2 ** exponent - 1) / 2;
}

export class CompactHistogram {
  readonly counts = new Uint32Array(COMPACT_BUCKETS);
  totalCount = 0;

  record(micros: number): void {
    this.counts[bucketOf(micros)]!++;
    this.totalCount++;
  }

  reset(): void {
    if (this.totalCount === 0) return;
    this.counts.fill(0);
    this.totalCount = 0;
  }

  add(other: CompactHistogram): void {
    const counts = this.counts;
    const from = other.counts;
    for (let bucket = 0; bucket < COMPACT_BUCKETS; bucket++) if (from[bucket] !== 0) counts[bucket]! += from[bucket]!;
    this.totalCount += other.totalCount;
  }

  addEncoded(encoded: CompactEncoded): void {
    for (let i = 0; i < encoded.length; i += 2) {
      this.counts[encoded[i]!]! += encoded[i + 1]!;
      this.totalCount += encoded[i + 1]!;
    }
  }

  encode(): CompactEncoded {
    const encoded: number[] = [];
    if (this.totalCount === 0) return encoded;
    const counts = this.counts;
    for (let bucket = 0; bucket < COMPACT_BUCKETS; bucket++) if (counts[bucket] !== 0) encoded.push(bucket, counts[bucket]!);
    return encoded;
  }

  /** The value at `percentile` (0-100) in µs, as HDR picks it (the smallest value with at least that share at or below it); 0 when empty. */
  valueAtPercentile(percentile: number): number {
    if (this.totalCount === 0) return 0;
    const wanted = Math.max(1, Math.ceil((Math.min(100, percentile) / 100) * this.totalCount));
    let seen = 0;
    const counts = this.counts;
    for (let bucket = 0; bucket < COMPACT_BUCKETS; bucket++) {
      seen += counts[bucket]!;
      if (seen >= wanted) return bucketValue(bucket);
    }
    return bucketValue(COMPACT_BUCKETS - 1);
  }
}
