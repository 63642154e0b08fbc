import { performance } from 'node:perf_hooks';

/** What the scheduler wakes: its `wake` runs once the sleep is over, unless it was cancelled. */
export interface Sleeper {
  /** Absolute due time on performance.now()'s clock; never woken before it. */
  dueMs: number;
  /** False once scheduled and not yet woken or cancelled. */
  sleeping: boolean;
}

/**
 * One Node timer per millisecond of due time, not one per request: at thousands of sleeping connections,
 * requests falling due in the same millisecond share one timer and one wake-up. A bucket's timer can fire a
 * little early (Node counts from the loop's cached time): sleepers not yet due move to the next bucket.
 */
export class SleepScheduler<T extends Sleeper> {
  private readonly buckets = new Map<number, { sleepers: T[]; timer: NodeJS.Timeout }>();
  private scheduled = 0;

  constructor(private readonly wake: (sleeper: T) => void) {}

  /** Sleepers scheduled and neither woken nor cancelled. */
  get size(): number {
    return this.scheduled;
  }

  /** Distinct milliseconds with a timer armed. */
  get timers(): number {
    return this.buckets.size;
  }

  schedule(sleeper: T, dueMs: number): void {
    sleeper.dueMs = dueMs;
    sleeper.sleeping = true;
    this.scheduled++;
    this.enqueue(sleeper, performance.now());
  }

  /** Takes the sleeper out of its bucket (a few sleepers per millisecond), and drops the bucket's timer when it empties. */
  cancel(sleeper: T): void {
    if (!sleeper.sleeping) return;
    sleeper.sleeping = false;
    this.scheduled--;
    const bucketMs = Math.ceil(sleeper.dueMs);
    const bucket = this.buckets.get(bucketMs);
    if (bucket === undefined) return;
    const index = bucket.sleepers.indexOf(sleeper);
    if (index >= 0) bucket.sleepers.splice(index, 1);
    if (bucket.sleepers.length === 0) {
      clearTimeout(bucket.timer);
      this.buckets.delete(bucketMs);
    }
  }

  private enqueue(sleeper: T, nowMs: number): void {
    const bucketMs = Math.ceil(sleeper.dueMs);
    const bucket = this.buckets.get(bucketMs);
    if (bucket !== undefined) {
      bucket.sleepers.push(sleeper);
      return;
    }
    // A whole number of milliseconds: Node keeps one timer list per distinct duration, so a fixed sleep uses one or two.
    this.buckets.set(bucketMs, { sleepers: [sleeper], timer: setTimeout(this.fire, Math.max(1, Math.ceil(bucketMs - nowMs)), bucketMs) });
  }

  private readonly fire = (bucketMs: number): void => {
    const bucket = this.buckets.get(bucketMs);
    this.buckets.delete(bucketMs);
    if (bucket === undefined) return;
    const nowMs = performance.now();
    for (const sleeper of bucket.sleepers) {
      if (!sleeper.sleeping) continue;
      // Early (Node's timers count from the loop's cached time): into the next millisecond's bucket.
      if (nowMs < sleeper.dueMs) {
        this.enqueue(sleeper, nowMs);
        continue;
      }
      sleeper.sleeping = false;
      this.scheduled--;
      this.wake(sleeper);
    }
  };
}
