import { SCENARIO_DEFAULTS } from './defaults.js';
import type { ScenarioFile } from './schema.js';
import { parseCpuList } from './units.js';

/** A problem found by a rule that spans several fields; `path` points at the field to change. */
export interface FieldIssue {
  path: Array<string | number>;
  message: string;
}

/** Rules the per-field schema cannot express. Returns every broken rule, never throws. */
export function crossCheck(file: ScenarioFile): FieldIssue[] {
  return [...checkTarget(file), ...checkBackend(file), ...checkSweep(file), ...checkTiming(file), ...checkSlo(file), ...checkCapacity(file), ...checkPlacement(file)];
}

function checkCapacity(file: ScenarioFile): FieldIssue[] {
  const capacity = file.capacity;
  if (capacity === undefined) return [];
  const issues: FieldIssue[] = [];
  if (capacity.minRps !== undefined && !(capacity.minRps > 0 && capacity.minRps <= capacity.targetRps)) {
    issues.push({ path: ['capacity', 'minRps'], message: `the quietest rate must be more than 0 and at most targetRps (${capacity.targetRps})` });
  }
  if (capacity.headroom !== undefined && !(capacity.headroom < 100)) issues.push({ path: ['capacity', 'headroom'], message: 'must be below 100%' });
  if (capacity.mix !== undefined && !capacity.mix.some((entry) => entry.weight > 0)) issues.push({ path: ['capacity', 'mix'], message: 'every weight is 0; give at least one entry a weight' });
  return issues;
}

function targetKind(file: ScenarioFile): 'embedded' | 'nginx' | 'external' | undefined {
  return file.target.kind ?? (file.target.baseUrl !== undefined ? 'external' : undefined);
}

function checkTarget(file: ScenarioFile): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const target = file.target;
  const kind = targetKind(file);
  if (kind === undefined) {
    issues.push({ path: ['target'], message: 'say which gateway: kind: embedded or kind: nginx, or an external gateway by baseUrl' });
  }
  if (kind === 'external' && target.baseUrl === undefined) issues.push({ path: ['target', 'baseUrl'], message: 'an external target needs baseUrl, e.g. https://gateway:8243' });
  if (kind !== 'external' && kind !== undefined && target.baseUrl !== undefined) {
    issues.push({ path: ['target', 'baseUrl'], message: `is only for an external gateway; gatebench chooses the address of the ${kind} target` });
  }
  if (kind === 'external' && target.workers !== undefined) issues.push({ path: ['target', 'workers'], message: 'gatebench does not start an external gateway, so it cannot set its workers' });
  if (kind !== 'nginx' && target.binary !== undefined) issues.push({ path: ['target', 'binary'], message: 'is only for kind: nginx' });
  if (kind !== 'external' && target.start !== undefined) issues.push({ path: ['target', 'start'], message: `is only for an external gateway; gatebench starts the ${kind} target itself` });
  if (target.start !== undefined && target.baseUrl !== undefined && !isLoopbackUrl(target.baseUrl)) {
    issues.push({ path: ['target', 'start'], message: 'starts a gateway on this machine, so baseUrl must be a loopback address (127.0.0.1 or [::1])' });
  }
  if (kind !== 'embedded' && target.requireToken !== undefined) issues.push({ path: ['target', 'requireToken'], message: 'is only for kind: embedded' });
  issues.push(...checkAuth(file));
  if (target.tls?.caFile !== undefined && target.tls.insecure === true) {
    issues.push({ path: ['target', 'tls', 'insecure'], message: 'choose one: caFile (verify against that CA) or insecure: true (verify nothing)' });
  }
  return issues;
}

function checkAuth(file: ScenarioFile): FieldIssue[] {
  const auth = file.target.auth;
  if (auth === undefined) return [];
  const at = (field: string): Array<string | number> => ['target', 'auth', field];
  const present = (field: keyof typeof auth): boolean => auth[field] !== undefined;
  const issues: FieldIssue[] = [];
  const allowed: Record<typeof auth.kind, string[]> = {
    none: ['kind'],
    bearer: ['kind', 'token'],
    oauth2: ['kind', 'grant', 'tokenUrl', 'clientId', 'clientSecret', 'username', 'password', 'scope', 'refreshMargin'],
  };
  for (const field of Object.keys(auth)) {
    if (auth[field as keyof typeof auth] !== undefined && !allowed[auth.kind].includes(field)) {
      issues.push({ path: at(field), message: `is not used by auth kind ${auth.kind} (it takes ${allowed[auth.kind].join(', ')})` });
    }
  }
  if (auth.kind === 'bearer' && !present('token')) issues.push({ path: at('token'), message: 'bearer auth needs token (e.g. token: ${GATEWAY_TOKEN})' });
  if (auth.kind === 'oauth2') {
    for (const field of ['grant', 'tokenUrl', 'clientId', 'clientSecret'] as const) {
      if (!present(field)) issues.push({ path: at(field), message: `oauth2 auth needs ${field}` });
    }
    if (auth.grant === 'password') {
      for (const field of ['username', 'password'] as const) {
        if (!present(field)) issues.push({ path: at(field), message: `the password grant needs ${field}` });
      }
    }
    if (auth.grant === 'client_credentials') {
      for (const field of ['username', 'password'] as const) {
        if (present(field)) issues.push({ path: at(field), message: 'is only for grant: password' });
      }
    }
  }
  return issues;
}

/** The backend's kind as written, or as implied: an adminUrl means an external mock, nothing the embedded one. */
export function backendKind(file: ScenarioFile): 'embedded' | 'external-mock' | 'own' {
  return file.backend?.kind ?? (file.backend?.adminUrl !== undefined ? 'external-mock' : 'embedded');
}

function checkBackend(file: ScenarioFile): FieldIssue[] {
  const backend = file.backend;
  const kind = backendKind(file);
  const issues: FieldIssue[] = [];
  if (kind === 'external-mock') {
    if (backend?.url === undefined) issues.push({ path: ['backend', 'url'], message: 'an external mock backend needs url (where the gateway sends requests)' });
    if (backend?.adminUrl === undefined) issues.push({ path: ['backend', 'adminUrl'], message: 'an external mock backend needs adminUrl (where gatebench sets its sleep)' });
  }
  if (kind !== 'embedded' && backend?.workers !== undefined) issues.push({ path: ['backend', 'workers'], message: 'is only for kind: embedded' });
  if (kind !== 'external-mock' && backend?.adminUrl !== undefined) issues.push({ path: ['backend', 'adminUrl'], message: 'is only for kind: external-mock' });
  if (file.sweep.direct === true && kind === 'own' && backend?.url === undefined) {
    issues.push({ path: ['sweep', 'direct'], message: 'the direct series sends the points straight to the backend, so backend.url must say where it is' });
  }
  if (kind !== 'external-mock' && backend?.adminToken !== undefined) issues.push({ path: ['backend', 'adminToken'], message: 'is only for kind: external-mock' });
  if (kind === 'external-mock' && backend?.adminUrl !== undefined && backend.adminToken === undefined && !isLoopbackUrl(backend.adminUrl)) {
    issues.push({
      path: ['backend', 'adminToken'],
      message: 'the admin API is off loopback, where the backend requires a token: set adminToken: ${GATEBENCH_ADMIN_TOKEN} and start it with --admin-token-file (docs/deployment.md)',
    });
  }
  if (kind === 'embedded' && backend?.url !== undefined) issues.push({ path: ['backend', 'url'], message: 'gatebench chooses the address of the embedded backend; remove url' });
  if (kind === 'own') {
    const sleeps = file.sweep.backendSleeps ?? [0];
    if (sleeps.length !== 1) {
      issues.push({
        path: ['sweep', 'backendSleeps'],
        message: `backend kind own: gatebench cannot set your backend's sleep, so backendSleeps must hold exactly one value (its real delay), not ${sleeps.length}`,
      });
    }
    if (file.request?.method === 'GET' && file.sweep.messageSizes.length !== 1) {
      issues.push({
        path: ['sweep', 'messageSizes'],
        message: `method GET with backend kind own: your API decides the response size, so messageSizes must hold exactly one value (its response size), not ${file.sweep.messageSizes.length}`,
      });
    }
    const targetKindValue = targetKind(file);
    if (targetKindValue !== 'external' && backend?.url === undefined) {
      issues.push({ path: ['backend', 'url'], message: `the ${targetKindValue ?? 'local'} gateway must know where your backend is: set backend.url` });
    }
  }
  return issues;
}

function checkSweep(file: ScenarioFile): FieldIssue[] {
  const sweep = file.sweep;
  const issues: FieldIssue[] = [];
  if (sweep.concurrency === undefined && sweep.rates === undefined) {
    issues.push({ path: ['sweep'], message: 'give the load levels: concurrency: [10, 50] (closed model) or rates: [100, 500] (open model)' });
  }
  if (sweep.concurrency !== undefined && sweep.rates !== undefined) {
    issues.push({ path: ['sweep', 'rates'], message: 'use concurrency (closed model) or rates (open model), not both' });
  }
  if (sweep.maxInFlight !== undefined && sweep.rates === undefined) issues.push({ path: ['sweep', 'maxInFlight'], message: 'is only for the open model (rates)' });
  if (sweep.seed !== undefined && sweep.order !== 'shuffled') issues.push({ path: ['sweep', 'seed'], message: 'is only used with order: shuffled' });
  return issues;
}

function checkTiming(file: ScenarioFile): FieldIssue[] {
  const timing = file.timing;
  const issues: FieldIssue[] = [];
  if (timing?.duration !== undefined && timing.duration <= 0) issues.push({ path: ['timing', 'duration'], message: 'must be more than 0' });
  if (timing?.timeout !== undefined && timing.timeout <= 0) issues.push({ path: ['timing', 'timeout'], message: 'must be more than 0' });
  if (timing?.rampUp !== undefined && timing.rampUp > 0 && file.sweep.rates !== undefined) {
    issues.push({ path: ['timing', 'rampUp'], message: 'is only for the closed model (concurrency)' });
  }
  if (timing?.thinkTime !== undefined && timing.thinkTime > 0 && file.sweep.rates !== undefined) {
    issues.push({ path: ['timing', 'thinkTime'], message: 'is only for the closed model (concurrency); the open model sets the rate' });
  }
  const warmupMs = timing?.warmup ?? SCENARIO_DEFAULTS.timing.warmupMs;
  if (timing?.rampUp !== undefined && timing.rampUp > warmupMs) {
    issues.push({ path: ['timing', 'rampUp'], message: 'is longer than warmup, so the ramp would leak into the measured window; make warmup at least as long' });
  }
  return issues;
}

function checkSlo(file: ScenarioFile): FieldIssue[] {
  const stop = file.slo?.stopSeriesWhen;
  if (stop !== undefined && stop.p99 === undefined && stop.errorRate === undefined) {
    return [{ path: ['slo', 'stopSeriesWhen'], message: 'give p99, errorRate or both' }];
  }
  return [];
}

function checkPlacement(file: ScenarioFile): FieldIssue[] {
  const placement = file.placement;
  if (placement === undefined || typeof placement === 'string') return [];
  const issues: FieldIssue[] = [];
  for (const role of ['gateway', 'backend', 'generator'] as const) {
    const value = placement[role];
    if (typeof value !== 'string') continue;
    try {
      parseCpuList(value);
    } catch (error) {
      issues.push({ path: ['placement', role], message: (error as Error).message });
    }
  }
  if (placement.gateway !== undefined && targetKind(file) === 'external') {
    issues.push({ path: ['placement', 'gateway'], message: 'gatebench does not start an external gateway, so it cannot place it; pin it where it runs' });
  }
  if (placement.backend !== undefined && backendKind(file) !== 'embedded') {
    issues.push({ path: ['placement', 'backend'], message: 'only the embedded backend is started by gatebench, so only it can be placed' });
  }
  return issues;
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === 'localhost';
  } catch {
    return false;
  }
}
