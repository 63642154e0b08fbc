import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GatebenchError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import { runIdFor } from '../store/run-id.js';
import { isSecretHeader } from '../scenario/mask-secrets.js';
import { secretHeaderVariable } from './entry-source.js';
import { exportK6 } from './export-scripts.js';
import { k6Version, requireK6, requireK6Version } from './k6-binary.js';
import { K6_SECRET_ENV } from './types.js';

export interface K6RunOptions {
  /** Run folder; default `results/<run-id>`. */
  outDir?: string;
  /** Gateway base URL for targets gatebench would otherwise start itself. */
  baseUrl?: string;
  /** PATH to search for k6 (tests); default process.env.PATH. */
  pathVariable?: string;
}

/** k6's exit code when thresholds failed: the run itself completed and is imported. */
export const K6_THRESHOLDS_FAILED = 99;

/** The arguments of `k6 run`, as a pure function of the files (tested on its own). */
export function k6RunArgs(files: { script: string; jsonOut: string }): string[] {
  return ['run', '--out', `json=${files.jsonOut}`, '--no-usage-report', files.script];
}

/** Environment for the k6 process: the scenario's secrets (never on the command line) and where to write the summary. */
export function k6RunEnv(scenario: Scenario, files: { summaryFile: string }, baseUrl?: string): Record<string, string> {
  const env: Record<string, string> = { [K6_SECRET_ENV.summaryFile]: files.summaryFile };
  if (baseUrl !== undefined) env[K6_SECRET_ENV.baseUrl] = baseUrl;
  const { auth, headers } = scenario.target;
  if (auth.kind === 'bearer') env[K6_SECRET_ENV.bearerToken] = auth.token;
  if (auth.kind === 'oauth2') {
    env[K6_SECRET_ENV.clientSecret] = auth.clientSecret;
    if (auth.password !== undefined) env[K6_SECRET_ENV.password] = auth.password;
  }
  for (const [name, value] of Object.entries(headers)) if (isSecretHeader(name)) env[secretHeaderVariable(name)] = value;
  return env;
}

/** What `runK6` leaves for `gatebench import k6` (src/import/run-with-k6.ts imports it into the run folder). */
export interface K6RunOutput {
  outDir: string;
  /** k6's `--out json` file, and the summary the script wrote when it got that far. */
  files: string[];
  k6Version: string;
}

/**
 * Exports the scenario and runs it with the `k6` on PATH (`--out json`), writing into `<outDir>/k6/`.
 * k6 drives a gateway that is already running: gatebench starts nothing here.
 */
export async function runK6(scenario: Scenario, options: K6RunOptions = {}): Promise<K6RunOutput> {
  const binary = requireK6(options.pathVariable);
  const version = await k6Version(binary);
  requireK6Version(binary, version);
  if (scenario.target.kind !== 'external' && options.baseUrl === undefined) {
    throw new GatebenchError('GB_CONFIG_INVALID', `k6 run drives a running gateway, but the target is "${scenario.target.kind}" (one gatebench starts itself)`, {
      hint: 'start the gateway (e.g. `gatebench gateway`) and pass --base-url, or use target.kind: external',
    });
  }
  const outDir = resolve(options.outDir ?? join('results', runIdFor(scenario.name, new Date())));
  const k6Dir = join(outDir, 'k6');
  const exported = await exportK6(scenario, join(k6Dir, 'script'));
  const jsonOut = join(k6Dir, 'k6-output.json');
  const summaryFile = join(k6Dir, 'summary.json');
  const exitCode = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(binary, k6RunArgs({ script: exported.scriptJs, jsonOut }), {
      stdio: 'inherit',
      env: { ...process.env, ...k6RunEnv(scenario, { summaryFile }, options.baseUrl) },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)));
  });
  if ((exitCode !== 0 && exitCode !== K6_THRESHOLDS_FAILED) || !existsSync(jsonOut)) {
    throw new GatebenchError('GB_DRIVER_FAILED', `k6 exited with code ${exitCode}${existsSync(jsonOut) ? '' : ' and wrote no JSON output'}`, { hint: `the script is ${exported.scriptJs}; run it by hand to see k6's own message` });
  }
  return { outDir, files: [jsonOut, summaryFile].filter((file) => existsSync(file)), k6Version: version };
}
