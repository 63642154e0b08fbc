/**
 * Open-model schedule: the intended send times of a piecewise-linear rate profile, computed ahead of
 * any I/O (as k6's ramping-arrival-rate plans its steps). Send k is due when the integral of the rate
 * reaches k + phaseOffset, so several workers with offsets i/W interleave evenly.
 * Times are milliseconds since the schedule's start.
 */
export interface RateSegment {
  durationMs: number;
  startRps: number;
  endRps: number;
}

interface PlannedSegment {
  startMs: number;
  endMs: number;
  /** Rate at the start, per millisecond. */
  ratePerMs: number;
  /** Change of rate per millisecond, per millisecond. */
  slope: number;
  countAtStart: number;
  countAtEnd: number;
}

/** Warm-up at the starting rate, then the stages (linear ramps), then the last rate held. */
export function rateProfile(warmupMs: number, rateRps: number, stages: Array<{ durationMs: number; targetRps: number }>): RateSegment[] {
  const segments: RateSegment[] = [];
  if (warmupMs > 0) segments.push({ durationMs: warmupMs, startRps: rateRps, endRps: rateRps });
  let previous = rateRps;
  for (const stage of stages) {
    segments.push({ durationMs: stage.durationMs, startRps: previous, endRps: stage.targetRps });
    previous = stage.targetRps;
  }
  segments.push({ durationMs: Number.POSITIVE_INFINITY, startRps: previous, endRps: previous });
  return segments;
}

export class Pacer {
  private readonly segments: PlannedSegment[] = [];
  private segmentIndex = 0;
  private sendIndex = 0;

  constructor(
    segments: RateSegment[],
    private readonly phaseOffset = 0,
  ) {
    let startMs = 0;
    let count = 0;
    for (const segment of segments) {
      const ratePerMs = segment.startRps / 1000;
      const endRatePerMs = segment.endRps / 1000;
      const endMs = startMs + segment.durationMs;
      const slope = Number.isFinite(segment.durationMs) && segment.durationMs > 0 ? (endRatePerMs - ratePerMs) / segment.durationMs : 0;
      const countAtEnd = Number.isFinite(endMs) ? count + ((ratePerMs + endRatePerMs) / 2) * segment.durationMs : Number.POSITIVE_INFINITY;
      this.segments.push({ startMs, endMs, ratePerMs, slope, countAtStart: count, countAtEnd: ratePerMs === 0 && slope === 0 && !Number.isFinite(endMs) ? count : countAtEnd });
      startMs = endMs;
      count = countAtEnd;
    }
  }

  /** Intended time of the next send, or +Infinity when the schedule sends no more. */
  next(): number {
    const target = this.sendIndex + this.phaseOffset;
    this.sendIndex++;
    return this.timeOfCount(target);
  }

  /** Sends the schedule intends in [fromMs, toMs). */
  countBetween(fromMs: number, toMs: number): number {
    return Math.max(0, this.countAt(toMs) - this.countAt(fromMs));
  }

  private countAt(timeMs: number): number {
    for (const segment of this.segments) {
      if (timeMs < segment.endMs) {
        const t = Math.max(0, timeMs - segment.startMs);
        return segment.countAtStart + segment.ratePerMs * t + (segment.slope * t * t) / 2;
      }
    }
    return this.segments[this.segments.length - 1]?.countAtEnd ?? 0;
  }

  private timeOfCount(count: number): number {
    while (this.segmentIndex < this.segments.length) {
      const segment = this.segments[this.segmentIndex]!;
      if (count < segment.countAtEnd) {
        const remaining = count - segment.countAtStart;
        if (remaining <= 0) return segment.startMs;
        // Solve rate*t + slope*t^2/2 = remaining in the numerically stable form (also right for slope 0).
        const root = Math.sqrt(segment.ratePerMs * segment.ratePerMs + 2 * segment.slope * remaining);
        const denominator = segment.ratePerMs + root;
        return denominator > 0 ? segment.startMs + (2 * remaining) / denominator : Number.POSITIVE_INFINITY;
      }
      this.segmentIndex++;
    }
    return Number.POSITIVE_INFINITY;
  }
}
