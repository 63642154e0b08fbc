/** SIGTERM (service managers, `kill`) and SIGINT (Ctrl-C) both mean "stop" to a gatebench command. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** Calls `handler` on every SIGTERM/SIGINT until the returned function removes it. */
export function onStopSignals(handler: (signal: NodeJS.Signals) => void): () => void {
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
}

/**
 * Resolves with the first SIGTERM/SIGINT and stops listening to both, so a second signal while the command
 * drains gets Node's default (the process exits) instead of being swallowed.
 */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const off = onStopSignals((signal) => {
      off();
      resolve(signal);
    });
  });
}
