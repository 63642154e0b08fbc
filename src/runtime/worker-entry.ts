import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread or child process script lives, and the Node flags it needs.
 *
 * Compiled code (dist/) runs `.js` files directly. Under vitest or tsx the caller is a `.ts`
 * file, so the worker is the sibling `.ts` file and must be loaded through tsx.
 */
export function siblingEntry(callerUrl: string, baseName: string): { file: string; execArgv: string[] } {
  const runningFromSource = callerUrl.endsWith('.ts');
  const extension = runningFromSource ? '.ts' : '.js';
  const file = fileURLToPath(new URL(`./${baseName}${extension}`, callerUrl));
  return { file, execArgv: runningFromSource ? ['--import', 'tsx'] : [] };
}
