import { open, readFile } from 'node:fs/promises';
import { GatebenchError } from '../errors.js';
import { SCHEMA_VERSIONS } from '../results/versions.js';
import type { K6Plan } from '../k6/types.js';
import { isObject } from './input-error.js';

/** What a file given to `import k6` turned out to be. */
export type K6Input =
  | { kind: 'json-output'; file: string }
  | { kind: 'summary'; file: string; plan?: K6Plan }
  | { kind: 'plan'; file: string; plan: K6Plan };

/**
 * Tells k6's `--out json` files (JSON lines, maybe gzipped) from summary JSON (handleSummary or
 * --summary-export, one document) and the exporter's gatebench-plan.json, by content rather than by name.
 */
export async function classifyK6Input(file: string): Promise<K6Input> {
  if (file.endsWith('.gz')) return { kind: 'json-output', file };
  const firstLine = await readFirstLine(file);
  const first = tryParse(firstLine);
  if (isObject(first) && (first.type === 'Metric' || first.type === 'Point')) return { kind: 'json-output', file };
  const whole = tryParse(await readFile(file, 'utf8'));
  if (!isObject(whole)) {
    throw new GatebenchError('GB_INPUT_INVALID', `${file}:1: neither k6 JSON output (one {"type":"Metric"|"Point",...} object per line) nor a JSON summary`, {
      hint: 'give the files k6 wrote with --out json=<file>, plus optionally the summary JSON',
    });
  }
  if (whole.kind === 'gatebench-k6-plan') return { kind: 'plan', file, plan: checkPlan(file, whole) };
  if (isK6Summary(whole)) {
    return isObject(whole.gatebench) ? { kind: 'summary', file, plan: checkPlan(file, whole.gatebench) } : { kind: 'summary', file };
  }
  throw new GatebenchError('GB_INPUT_INVALID', `${file}: a JSON document with neither "metrics" nor "results.metrics": not a k6 summary`);
}

/**
 * Both summary layouts k6 writes: the legacy one (handleSummary data and --summary-export: a top-level `metrics`
 * object keyed by name) and the machine-readable one (opt-in since k6 1.5: `results.metrics`, an array of
 * {name, type, contains, values}; internal/lib/summary/machinereadable in grafana/k6).
 */
export function isK6Summary(value: Record<string, unknown>): boolean {
  return isObject(value.metrics) || (isObject(value.results) && Array.isArray(value.results.metrics));
}

function checkPlan(file: string, value: Record<string, unknown>): K6Plan {
  // Plans exported before schemaVersion was named so carry `version: 1`: the same schema.
  const schemaVersion = value.schemaVersion ?? value.version;
  if (value.kind !== 'gatebench-k6-plan' || schemaVersion !== SCHEMA_VERSIONS.k6Plan || !Array.isArray(value.points) || typeof value.testId !== 'string') {
    throw new GatebenchError('GB_INPUT_INVALID', `${file}: the gatebench plan in it is not schemaVersion ${SCHEMA_VERSIONS.k6Plan} of "gatebench-k6-plan"`, { hint: 're-export the script with this gatebench version' });
  }
  // Written by our own exporter; the fields checked above are the ones import relies on first.
  const { version: _legacy, ...plan } = value;
  return { ...plan, schemaVersion: SCHEMA_VERSIONS.k6Plan } as unknown as K6Plan;
}

async function readFirstLine(file: string): Promise<string> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new GatebenchError('GB_INPUT_INVALID', `${file}: cannot open (${error.code ?? error.message})`);
  });
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const newline = text.indexOf('\n');
    return newline === -1 ? text : text.slice(0, newline);
  } finally {
    await handle.close();
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
