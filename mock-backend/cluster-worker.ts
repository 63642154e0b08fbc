/**
 * Entry of a cluster worker (forked by cluster-primary.ts): one BackendWorker on the shared port, driven by
 * the primary over IPC. Also drains on its own SIGTERM/SIGINT (a terminal's Ctrl-C reaches every process).
 */
import { BackendWorker } from './backend-worker.js';
import { WORKER_ENV, type PrimaryMessage, type WorkerInit, type WorkerMessage } from './worker-link.js';

function send(message: WorkerMessage, then?: () => void): void {
  process.send?.(message, undefined, undefined, () => then?.());
}

const init = JSON.parse(process.env[WORKER_ENV] ?? 'null') as WorkerInit | null;
if (init === null || process.send === undefined) {
  console.error(`cluster-worker: started without ${WORKER_ENV}; it is forked by startMockBackend({ workers: N })`);
  process.exit(2);
}

const worker = new BackendWorker(init);
const drainAndExit = (timeoutMs: number, reply?: () => void): void => {
  void worker.drain(timeoutMs).then(() => {
    reply?.();
    // Give the reply a moment to leave, then exit cleanly.
    setTimeout(() => process.exit(0), 20).unref();
  });
};

process.on('message', (message: PrimaryMessage) => {
  switch (message.type) {
    case 'config':
      worker.setConfig(message.config);
      send({ type: 'reply', seq: message.seq });
      break;
    case 'snapshot':
      send({ type: 'reply', seq: message.seq, snapshot: worker.snapshot() });
      break;
    case 'reset':
      worker.reset();
      send({ type: 'reply', seq: message.seq });
      break;
    case 'drain':
      drainAndExit(message.timeoutMs, () => send({ type: 'reply', seq: message.seq }));
      break;
  }
});
process.on('SIGTERM', () => drainAndExit(init.drainTimeoutMs));
process.on('SIGINT', () => drainAndExit(init.drainTimeoutMs));

worker.listen().then(
  (port) => send({ type: 'ready', port }),
  (error: Error) => send({ type: 'failed', message: error.message }, () => process.exit(1)),
);
