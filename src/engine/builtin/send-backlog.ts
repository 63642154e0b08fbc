/**
 * The open model's waiting list: intended send times (ms) of sends due while every connection was busy, oldest
 * first. A ring buffer of fixed capacity, so an overloaded target cannot make it grow without bound; a send that
 * finds it full is refused (the caller counts it as a dropped send). No allocation per send.
 */
export class SendBacklog {
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(Math.max(0, Math.floor(capacity)));
  }

  get size(): number {
    return this.count;
  }

  /** Appends a waiting send; false when the backlog is full (the send is then dropped, not queued). */
  push(intendedMs: number): boolean {
    if (this.count >= this.times.length) return false;
    this.times[(this.head + this.count) % this.times.length] = intendedMs;
    this.count++;
    return true;
  }

  /** The oldest waiting send's intended time, or undefined when none waits. */
  peek(): number | undefined {
    return this.count === 0 ? undefined : this.times[this.head];
  }

  /** Removes and returns the oldest waiting send's intended time. */
  shift(): number | undefined {
    if (this.count === 0) return undefined;
    const intendedMs = this.times[this.head]!;
    this.head = (this.head + 1) % this.times.length;
    this.count--;
    return intendedMs;
  }
}

/** Smallest and largest backlog per worker: 8 KiB to 8 MiB of Float64 send times. */
const MIN_BACKLOG = 1024;
const MAX_BACKLOG = 1 << 20;

/**
 * Enough room for every send that can wait without being pruned: sends older than the request timeout are
 * dropped anyway, so at the peak rate at most rate x timeout wait at once (plus one tick's burst).
 */
export function backlogCapacity(peakRateRps: number, timeoutMs: number, burst: number): number {
  const needed = Math.ceil((peakRateRps * timeoutMs) / 1000) + burst;
  return Math.min(MAX_BACKLOG, Math.max(MIN_BACKLOG, needed));
}
