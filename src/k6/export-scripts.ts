import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { GatebenchError } from '../errors.js';
import { packageRoot } from '../runtime/version.js';
import type { Scenario } from '../scenario/types.js';
import { entrySource, scriptHeader } from './entry-source.js';
import { buildK6Plan } from './k6-plan.js';
import { K6_MIN_SCENARIO_MS, type K6Plan } from './types.js';

export interface K6Export {
  dir: string;
  /** The TypeScript entry (typed with @types/k6). */
  entryTs: string;
  /** The runtime library the entry imports. */
  runtimeTs: string;
  /** The bundled plain JavaScript k6 runs. */
  scriptJs: string;
  planJson: string;
  plan: K6Plan;
  /** Things the user must do before k6 can run the script, in words. */
  notes: string[];
}

/** File name stem of a scenario's script: its name, made safe for file systems and ConfigMap keys. */
export function scriptStem(scenario: Scenario): string {
  return scenario.name.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '') || 'gatebench';
}

/**
 * Writes one k6 script for the whole sweep (its points run in sequence, each a k6 scenario with a startTime
 * offset), the runtime beside it, the plan as JSON, and the esbuild bundle k6 runs.
 */
export async function exportK6(scenario: Scenario, outDir: string): Promise<K6Export> {
  checkK6Timing(scenario);
  const plan = buildK6Plan(scenario);
  const stem = scriptStem(scenario);
  await mkdir(join(outDir, 'lib'), { recursive: true });
  const entryTs = join(outDir, `${stem}.ts`);
  const runtimeTs = join(outDir, 'lib', 'gatebench-k6.ts');
  const scriptJs = join(outDir, `${stem}.js`);
  const planJson = join(outDir, 'gatebench-plan.json');
  await copyFile(join(packageRoot(), 'src', 'k6', 'runtime', 'gatebench-k6.ts'), runtimeTs);
  await writeFile(entryTs, entrySource(plan, scenario));
  await writeFile(planJson, `${JSON.stringify(plan, null, 2)}\n`);
  await bundleK6Script(entryTs, scriptJs, scriptHeader(plan, scenario));
  return { dir: outDir, entryTs, runtimeTs, scriptJs, planJson, plan, notes: exportNotes(scenario) };
}

/**
 * k6 refuses a scenario shorter than 1 s when it starts, after the cluster is set up; refuse it here instead.
 * The measured window itself must last 1 s too: import's timelines and rates are per second.
 */
export function checkK6Timing(scenario: Scenario): void {
  const { durationMs } = scenario.timing;
  if (durationMs < K6_MIN_SCENARIO_MS) {
    throw new GatebenchError('GB_CONFIG_INVALID', `timing.duration is ${durationMs} ms: k6 runs no scenario shorter than 1 s (constant-vus and constant-arrival-rate refuse it)`, {
      hint: 'set timing.duration to 1s or more in the scenario file before exporting it to k6',
    });
  }
}

/**
 * esbuild: platform neutral, ESM, k6's own modules left as imports for k6 to resolve. Whitespace is minified:
 * the plan and the options are most of the script, and k6-operator ships it in a ConfigMap (docs/k6.md).
 */
export async function bundleK6Script(entry: string, outfile: string, header = ''): Promise<void> {
  try {
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      target: 'es2020',
      external: ['k6', 'k6/*'],
      logLevel: 'silent',
      legalComments: 'none',
      minifyWhitespace: true,
      banner: { js: header },
    });
  } catch (error) {
    throw new GatebenchError('GB_DRIVER_FAILED', `esbuild could not bundle ${entry}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function exportNotes(scenario: Scenario): string[] {
  const notes: string[] = [];
  if (scenario.target.kind !== 'external') {
    notes.push(`the target is "${scenario.target.kind}" (started by gatebench): start the gateway yourself and set GATEBENCH_BASE_URL to its base URL`);
  }
  if (scenario.backend.kind === 'embedded') {
    notes.push('the backend is "embedded": start `gatebench backend` with the sleep header allowed (allowSleepHeader); the script sends x-gatebench-sleep-ms per request');
  }
  if (scenario.backend.kind === 'own' && scenario.sweep.backendSleepsMs.some((sleepMs) => sleepMs !== 0)) {
    notes.push('the backend is your own: gatebench cannot set its sleep; the sleep values only label the points');
  }
  if (scenario.target.auth.kind === 'bearer') notes.push('set GATEBENCH_BEARER_TOKEN');
  if (scenario.target.auth.kind === 'oauth2') notes.push(`set GATEBENCH_CLIENT_SECRET${scenario.target.auth.grant === 'password' ? ' and GATEBENCH_PASSWORD' : ''} (the token is fetched once, in setup())`);
  return notes;
}
