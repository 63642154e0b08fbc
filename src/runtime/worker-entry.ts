import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread or child process script lives, and the Node flags a child process needs.
 *
 * Compiled code (dist/) runs `.js` files directly. Under vitest or tsx the caller is a `.ts`
 * file, so the script is the sibling `.ts` file and must be loaded through tsx. The returned
 * execArgv (`--import tsx`) is for child processes and cluster workers (spawn/fork, cluster.setupPrimary);
 * Node 20 ignores it for a worker thread's entry module, so worker threads must be started with
 * spawnSiblingWorker (./spawn-worker.ts), which uses this function.
 */
export function siblingEntry(callerUrl: string, baseName: string): { file: string; execArgv: string[] } {
  const runningFromSource = callerUrl.endsWith('.ts');
  const extension = runningFromSource ? '.ts' : '.js';
  const file = fileURLToPath(new URL(`./${baseName}${extension}`, callerUrl));
  return { file, execArgv: runningFromSource ? ['--import', 'tsx'] : [] };
}
