import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { siblingEntry } from './worker-entry.js';

/**
 * Starts a worker thread from a sibling module of `callerUrl` (see siblingEntry). From dist/ the `.js`
 * file runs directly. From source (vitest, tsx) Node 20 ignores `--import tsx` in a worker's execArgv
 * for the entry module, so a tiny eval bootstrap registers tsx's loader first, then imports the `.ts`.
 * Every worker thread in gatebench starts here.
 */
export function spawnSiblingWorker(callerUrl: string, baseName: string): Worker {
  const entry = siblingEntry(callerUrl, baseName);
  if (entry.execArgv.length === 0) return new Worker(entry.file);
  const require = createRequire(entry.file);
  const tsxApi = require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const bootstrap =
    `import(${JSON.stringify(pathToFileURL(tsxApi).href)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(entry.file).href)}); });`;
  return new Worker(bootstrap, { eval: true });
}
