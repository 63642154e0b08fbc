import { availableParallelism, loadavg } from 'node:os';

/**
 * `--workers auto`: a third of the cores the host can spare right now (cores minus the 1-minute load average),
 * at least 1. The backend shares the host with the gateway under test and the load generator, and a backend
 * worker that has to wait for a core adds latency (measured: --workers 2 beside wrk on 2 cores was worse than 1).
 */
export function spareCoreWorkers(cores = availableParallelism(), load1m = loadavg()[0] ?? 0): number {
  const spare = Math.max(0, cores - load1m);
  return Math.max(1, Math.floor(spare / 3));
}
