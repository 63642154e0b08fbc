import { minimumPayloadBytes } from '../src/payload.js';

/**
 * The mock backend's runtime configuration: one plain object, validated strictly in one place, shared by
 * the API options, the CLI flags and the admin `PUT /config`. Every issue names its field.
 */

/** How long each request sleeps. Each sampled value is clamped at 0 ms. */
export type LatencyDistribution =
  | { type: 'fixed'; ms: number }
  | { type: 'uniform'; minMs: number; maxMs: number }
  | { type: 'normal'; meanMs: number; stdevMs: number }
  | { type: 'exponential'; meanMs: number }
  /** exp(mu + sigma * Z) milliseconds, Z standard normal. */
  | { type: 'lognormal'; mu: number; sigma: number }
  /** The same with mu = ln(medianMs): half the samples fall under medianMs. */
  | { type: 'lognormal'; medianMs: number; sigma: number };

export interface BackendConfig {
  /** Fixed sleep per request; used when `distribution` is null. */
  sleepMs: number;
  /** A latency distribution; when set it replaces `sleepMs`. */
  distribution: LatencyDistribution | null;
  /** Seed of the latency and fault PRNGs (each worker derives its own stream from it). */
  seed: number;
  /** Fraction 0..1 of requests answered with `errorStatus` (after their sleep). */
  errorRate: number;
  errorStatus: number;
  /** Fraction 0..1 of requests whose connection is destroyed without a response (after their sleep). */
  dropRate: number;
  /** Fraction 0..1 of requests that sleep `stallMs` more. */
  stallRate: number;
  stallMs: number;
  /** Size of the WSO2-shaped JSON body a GET returns when the URL has no `?size=`. */
  responseSizeBytes: number;
  /** Honour the `x-gatebench-sleep-ms` request header (off: a gateway may forward headers it should not). */
  allowSleepHeader: boolean;
  /** Larger request bodies get 413. */
  maxBodyBytes: number;
}

export type BackendConfigPatch = Partial<BackendConfig>;

export const DEFAULT_CONFIG: Readonly<BackendConfig> = Object.freeze({
  sleepMs: 0,
  distribution: null,
  seed: 1,
  errorRate: 0,
  errorStatus: 503,
  dropRate: 0,
  stallRate: 0,
  stallMs: 1000,
  responseSizeBytes: 1024,
  allowSleepHeader: false,
  maxBodyBytes: 10 * 1024 * 1024,
});

export interface ConfigProblem {
  field: string;
  message: string;
}

/** The largest sleep or stall accepted: one hour. */
export const MAX_SLEEP_MS = 3_600_000;
/** The largest generated GET body: 64 MiB. */
export const MAX_GENERATED_BYTES = 64 * 1024 * 1024;
const MAX_BODY_LIMIT_BYTES = 1024 * 1024 * 1024;

type FieldCheck = (value: unknown) => string | undefined;

const number = (min: number, max: number): FieldCheck => (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? undefined : `must be a number from ${min} to ${max}`;
const integer = (min: number, max: number): FieldCheck => (value) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? undefined : `must be a whole number from ${min} to ${max}`;
const rate = number(0, 1);

const FIELD_CHECKS: Record<keyof BackendConfig, FieldCheck> = {
  sleepMs: number(0, MAX_SLEEP_MS),
  distribution: () => undefined, // checked by distributionProblems
  seed: integer(0, 0xffffffff),
  errorRate: rate,
  errorStatus: integer(400, 599),
  dropRate: rate,
  stallRate: rate,
  stallMs: number(0, MAX_SLEEP_MS),
  responseSizeBytes: (value) => responseSizeProblem(value),
  allowSleepHeader: (value) => (typeof value === 'boolean' ? undefined : 'must be true or false'),
  maxBodyBytes: integer(0, MAX_BODY_LIMIT_BYTES),
};

/** Problem with a generated body size (also used for `?size=`), or undefined when it is usable. */
export function responseSizeProblem(value: unknown): string | undefined {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_GENERATED_BYTES) {
    return `must be a whole number of bytes, at most ${MAX_GENERATED_BYTES}`;
  }
  const bytes = value as number;
  const minimum = minimumPayloadBytes(bytes);
  return bytes < minimum ? `${bytes} bytes cannot hold the {"payload":"…","size":"…"} shape; use at least ${minimum}` : undefined;
}

const DISTRIBUTION_FIELDS: Record<string, string[][]> = {
  fixed: [['ms']],
  uniform: [['minMs', 'maxMs']],
  normal: [['meanMs', 'stdevMs']],
  exponential: [['meanMs']],
  lognormal: [['mu', 'sigma'], ['medianMs', 'sigma']],
};

function distributionProblems(value: unknown): ConfigProblem[] {
  if (value === null) return [];
  const field = 'distribution';
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [{ field, message: 'must be null or an object like {"type":"uniform","minMs":10,"maxMs":50}' }];
  }
  const record = value as Record<string, unknown>;
  const forms = typeof record.type === 'string' ? DISTRIBUTION_FIELDS[record.type] : undefined;
  if (forms === undefined) {
    return [{ field: `${field}.type`, message: `must be one of ${Object.keys(DISTRIBUTION_FIELDS).join(', ')}` }];
  }
  const given = Object.keys(record).filter((key) => key !== 'type');
  const form = forms.find((names) => names.length === given.length && names.every((name) => given.includes(name)));
  if (form === undefined) {
    const expected = forms.map((names) => `{${names.join(', ')}}`).join(' or ');
    return [{ field, message: `a ${record.type} distribution takes exactly ${expected}; got {${given.join(', ')}}` }];
  }
  const problems: ConfigProblem[] = [];
  for (const name of form) {
    // mu is a log-space location and may be negative; everything else is a non-negative duration or spread.
    const check = name === 'mu' ? number(-50, 50) : number(0, MAX_SLEEP_MS);
    const message = check(record[name]);
    if (message !== undefined) problems.push({ field: `${field}.${name}`, message });
  }
  if (form.includes('minMs') && problems.length === 0 && (record.minMs as number) > (record.maxMs as number)) {
    problems.push({ field: `${field}.maxMs`, message: 'must be at least minMs' });
  }
  return problems;
}

/** Every problem in a partial config (unknown fields included); empty when it is valid. */
export function configPatchProblems(patch: unknown): ConfigProblem[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return [{ field: '', message: 'the body must be a JSON object of config fields' }];
  }
  const problems: ConfigProblem[] = [];
  for (const [field, value] of Object.entries(patch)) {
    const check = (FIELD_CHECKS as Record<string, FieldCheck | undefined>)[field];
    if (check === undefined) {
      problems.push({ field, message: `is not a config field; known fields: ${Object.keys(FIELD_CHECKS).join(', ')}` });
      continue;
    }
    if (field === 'distribution') {
      problems.push(...distributionProblems(value));
      continue;
    }
    const message = check(value);
    if (message !== undefined) problems.push({ field, message: `${message} (got ${JSON.stringify(value)})` });
  }
  return problems;
}

export function formatProblems(problems: ConfigProblem[]): string {
  return problems.map((problem) => (problem.field === '' ? problem.message : `${problem.field}: ${problem.message}`)).join('; ');
}

/**
 * Applies a validated patch and returns a new config. Setting `sleepMs` without `distribution` switches back to
 * a fixed sleep, so "set the sleep to 30 ms" means exactly that even after a distribution was in use.
 */
export function applyConfigPatch(config: BackendConfig, patch: BackendConfigPatch): BackendConfig {
  const next = { ...config, ...patch };
  if (patch.sleepMs !== undefined && patch.distribution === undefined) next.distribution = null;
  return next;
}

/** Validates then applies; throws a RangeError naming every bad field. */
export function resolveConfig(patch: unknown, base: BackendConfig = DEFAULT_CONFIG): BackendConfig {
  const problems = configPatchProblems(patch ?? {});
  if (problems.length > 0) throw new RangeError(`invalid mock backend config: ${formatProblems(problems)}`);
  return applyConfigPatch(base, (patch ?? {}) as BackendConfigPatch);
}
