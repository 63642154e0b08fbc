import { EventEmitter } from 'node:events';
import type { RunEvent, RunResult } from './run-events.js';

/**
 * What runPlan returns: an event emitter (`event`, plus one event per RunEvent type) that can also be
 * awaited for the RunResult, as autocannon's instance can. Work starts on the next tick, so listeners
 * attached right after the call see every event.
 */
export class RunHandle extends EventEmitter implements PromiseLike<RunResult> {
  readonly #result: Promise<RunResult>;

  constructor(work: (emit: (event: RunEvent) => void) => Promise<RunResult>, onEvent?: (event: RunEvent) => void) {
    super();
    const emit = (event: RunEvent): void => {
      onEvent?.(event);
      this.emit('event', event);
      this.emit(event.type, event);
    };
    this.#result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => work(emit));
    // An unobserved failure must not crash the process before the caller awaits it.
    this.#result.catch(() => undefined);
  }

  then<A = RunResult, B = never>(
    onFulfilled?: ((value: RunResult) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then(onFulfilled, onRejected);
  }

  /** The result as a plain promise. */
  result(): Promise<RunResult> {
    return this.#result;
  }
}
