/**
 * Load worker thread entry: waits for `start`, runs its share of the workload, posts `progress` (if asked)
 * about once a second and one `result`. `stop` ends the measured window early.
 */
import { parentPort } from 'node:worker_threads';
import { startClosedModel } from './closed-model.js';
import { startOpenModel } from './open-model.js';
import type { MainToWorker, WorkerToMain } from './protocol.js';
import { WorkerRun } from './worker-run.js';

const PROGRESS_INTERVAL_MS = 1000;
/** Closed timeline slices go to the coordinator this often, with or without progress. */
const SLICES_INTERVAL_MS = 1000;

const port = parentPort;
if (port === null) throw new Error('worker.ts must run as a worker thread');

let run: WorkerRun | undefined;
const post = (message: WorkerToMain): void => port.postMessage(message);

port.on('message', (message: MainToWorker) => {
  if (message.type === 'stop') {
    run?.stop();
    return;
  }
  if (run !== undefined) return;
  const config = message.config;
  try {
    const current = new WorkerRun(config);
    run = current;
    // Progress (a merge and an encoding on this thread each second) only when the caller shows it.
    const progressTimer = config.progress
      ? setInterval(() => {
          if (!current.finished) post({ type: 'progress', workerIndex: config.workerIndex, progress: current.recorder.takeProgress(performance.now()) });
        }, PROGRESS_INTERVAL_MS)
      : undefined;
    const slicesTimer = setInterval(() => {
      if (current.finished) return;
      const slices = current.recorder.takeSlices(performance.now());
      if (slices.length > 0) post({ type: 'slices', workerIndex: config.workerIndex, slices });
    }, SLICES_INTERVAL_MS);
    current.begin((result) => {
      clearInterval(progressTimer);
      clearInterval(slicesTimer);
      post({ type: 'result', result });
    });
    const startDelayMs = Math.max(0, current.startMs - performance.now());
    setTimeout(() => {
      if (config.model.kind === 'closed') startClosedModel(current, config.model);
      else startOpenModel(current, config.model);
    }, startDelayMs);
  } catch (error) {
    post({ type: 'failed', workerIndex: config.workerIndex, message: error instanceof Error ? error.message : String(error) });
  }
});

post({ type: 'ready' });
