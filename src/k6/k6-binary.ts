import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GatebenchError } from '../errors.js';
import { findExecutable } from '../runtime/find-executable.js';

export const K6_INSTALL_HINT =
  'install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/: `brew install k6`, Grafana\'s apt/rpm repository, a release binary, or `docker run grafana/k6`), ' +
  'or export the script with `gatebench k6 export` and run it where k6 is; the built-in engine (`gatebench run`) needs no k6';

/** The first executable `k6` on PATH (PATH only: the message and `pathVariable` promise that), or undefined. */
export function findK6(pathVariable = process.env.PATH ?? ''): string | undefined {
  return findExecutable(process.platform === 'win32' ? 'k6.exe' : 'k6', { pathVariable, fallbackDirs: [] });
}

export function requireK6(pathVariable?: string): string {
  const binary = findK6(pathVariable);
  if (binary === undefined) throw new GatebenchError('GB_NOT_AVAILABLE', 'k6 is not installed: no `k6` executable on PATH', { hint: K6_INSTALL_HINT });
  return binary;
}

/** `k6 version` output's first line, e.g. `k6 v1.3.0 (commit/…, go1.24, linux/amd64)`. */
export async function k6Version(binary: string): Promise<string> {
  const { stdout } = await promisify(execFile)(binary, ['version'], { timeout: 10_000 });
  return stdout.split('\n')[0]?.trim() || 'unknown';
}
