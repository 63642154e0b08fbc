import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GatebenchError } from '../errors.js';
import { findExecutable } from '../runtime/find-executable.js';
import { MIN_K6_VERSION } from './types.js';

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

/** `[major, minor, patch]` of a `k6 version` line (`k6 v1.3.0 (…)`, `k6 v0.45.1`), or undefined. */
export function parseK6Version(line: string): [number, number, number] | undefined {
  const match = /\bv?(\d+)\.(\d+)\.(\d+)/.exec(line);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Refuses a k6 older than the exported script needs, naming the version found and the one needed. */
export function requireK6Version(binary: string, versionLine: string): void {
  const found = parseK6Version(versionLine);
  const needed = parseK6Version(MIN_K6_VERSION)!;
  const older = found !== undefined && (found[0] - needed[0] || found[1] - needed[1] || found[2] - needed[2]) < 0;
  if (found === undefined || older) {
    throw new GatebenchError('GB_NOT_AVAILABLE', `${binary} is ${found === undefined ? `of unknown version (\`k6 version\` said ${JSON.stringify(versionLine)})` : `k6 v${found.join('.')}`}; the exported script needs k6 v${MIN_K6_VERSION} or newer`, {
      hint: `install a current k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) or put it first on PATH; the script sets its phase tag through exec.vu.metrics.tags (k6 v${MIN_K6_VERSION})`,
    });
  }
}
