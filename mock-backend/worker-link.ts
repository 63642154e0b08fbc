import type { Worker } from 'node:cluster';
import type { BackendConfig } from './config.js';
import type { BackendWorker, BackendWorkerOptions } from './backend-worker.js';
import type { WorkerSnapshot } from './worker-stats.js';

/**
 * How the primary (the admin side) talks to one echo worker, whether it lives in this process or in a cluster
 * worker. Every call resolves only once the worker has applied it, so a `PUT /config` that returned has
 * reached every worker before the next request.
 */
export interface WorkerLink {
  readonly workerId: number;
  pid(): number | undefined;
  setConfig(config: BackendConfig): Promise<void>;
  snapshot(): Promise<WorkerSnapshot>;
  reset(): Promise<void>;
  drain(timeoutMs: number): Promise<void>;
}

/** The environment variable that hands a cluster worker its options (JSON of WorkerInit). */
export const WORKER_ENV = 'GATEBENCH_BACKEND_WORKER';

export interface WorkerInit extends BackendWorkerOptions {
  drainTimeoutMs: number;
}

/** Primary -> worker messages; each carries a sequence number the reply echoes. */
export type PrimaryMessage =
  | { type: 'config'; seq: number; config: BackendConfig }
  | { type: 'snapshot'; seq: number }
  | { type: 'reset'; seq: number }
  | { type: 'drain'; seq: number; timeoutMs: number };

type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Worker -> primary messages. */
export type WorkerMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'reply'; seq: number; snapshot?: WorkerSnapshot };

/** The fast path: the worker is an object in this process. */
export class LocalLink implements WorkerLink {
  readonly workerId: number;

  constructor(private readonly worker: BackendWorker) {
    this.workerId = worker.workerId;
  }

  pid(): number {
    return process.pid;
  }

  async setConfig(config: BackendConfig): Promise<void> {
    this.worker.setConfig(config);
  }

  async snapshot(): Promise<WorkerSnapshot> {
    return this.worker.snapshot();
  }

  async reset(): Promise<void> {
    this.worker.reset();
  }

  drain(timeoutMs: number): Promise<void> {
    return this.worker.drain(timeoutMs);
  }
}

/** A cluster worker: requests go over IPC and resolve on the matching reply (or reject when it dies). */
export class ClusterLink implements WorkerLink {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (message: WorkerMessage & { type: 'reply' }) => void; reject: (error: Error) => void }>();
  private exited = false;
  private draining = false;

  constructor(
    readonly workerId: number,
    private readonly worker: Worker,
  ) {
    worker.on('message', (message: WorkerMessage) => {
      if (message?.type !== 'reply') return;
      this.pending.get(message.seq)?.resolve(message);
      this.pending.delete(message.seq);
    });
    // A send racing the worker's death emits 'error' here; the 'exit' handler below settles the waiters.
    worker.on('error', () => undefined);
    worker.on('exit', (code, signal) => {
      this.exited = true;
      if (!this.draining && (code !== 0 || signal !== null)) console.error(`mock backend worker ${workerId} (pid ${worker.process.pid}) died unexpectedly (${signal ?? `code ${code}`})`);
      const error = new Error(`mock backend worker ${workerId} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`})`);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  pid(): number | undefined {
    return this.exited ? undefined : this.worker.process.pid;
  }

  private request(message: WithoutSeq<PrimaryMessage>): Promise<WorkerMessage & { type: 'reply' }> {
    if (this.exited) return Promise.reject(new Error(`mock backend worker ${this.workerId} is gone`));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.send({ ...message, seq });
    });
  }

  async setConfig(config: BackendConfig): Promise<void> {
    await this.request({ type: 'config', config });
  }

  async snapshot(): Promise<WorkerSnapshot> {
    const reply = await this.request({ type: 'snapshot' });
    if (reply.snapshot === undefined) throw new Error(`mock backend worker ${this.workerId} sent no stats`);
    return reply.snapshot;
  }

  async reset(): Promise<void> {
    await this.request({ type: 'reset' });
  }

  /** Resolves when the worker process has exited, whatever the reason. */
  drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    if (this.exited) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.request({ type: 'drain', timeoutMs }).catch(() => undefined);
    return exited;
  }
}
