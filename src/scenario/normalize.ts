import { basename, dirname, extname, resolve } from 'node:path';
import { backendKind } from './cross-checks.js';
import { SCENARIO_DEFAULTS } from './defaults.js';
import type { ScenarioFile } from './schema.js';
import type { Api, AuthSpec, BackendSpec, CpuShare, LoadLevels, PlacementSpec, Scenario, SloSpec, TargetSpec, TlsSpec } from './types.js';
import { parseCpuList } from './units.js';

/**
 * Shortcuts and defaults become the full, normalized Scenario here and nowhere else.
 * Input has passed the schema and the cross-field checks.
 */
export function normalizeScenario(file: ScenarioFile, sourceFile: string | undefined): Scenario {
  const baseDir = sourceFile === undefined ? process.cwd() : dirname(sourceFile);
  const scenario: Scenario = {
    name: file.name ?? (sourceFile === undefined ? 'scenario' : basename(sourceFile, extname(sourceFile))),
    target: normalizeTarget(file, baseDir),
    backend: normalizeBackend(file),
    sweep: {
      messageSizesBytes: file.sweep.messageSizes,
      backendSleepsMs: file.sweep.backendSleeps ?? [...SCENARIO_DEFAULTS.sweep.backendSleepsMs],
      levels: normalizeLevels(file),
      apis: [
        ...(file.sweep.mediation ?? SCENARIO_DEFAULTS.sweep.mediation).map((value): Api => (value === 'on' ? 'mediation' : 'echo')),
        // The direct series runs last in each repetition, so the gateway's points are not delayed by it.
        ...(file.sweep.direct === true ? ['direct' as const] : []),
      ],
      repetitions: file.sweep.repetitions ?? SCENARIO_DEFAULTS.sweep.repetitions,
      order: file.sweep.order === 'shuffled' ? { kind: 'shuffled', seed: file.sweep.seed ?? 1 } : { kind: 'as-written' },
    },
    timing: {
      warmupMs: file.timing?.warmup ?? SCENARIO_DEFAULTS.timing.warmupMs,
      durationMs: file.timing?.duration ?? SCENARIO_DEFAULTS.timing.durationMs,
      pauseMs: file.timing?.pause ?? SCENARIO_DEFAULTS.timing.pauseMs,
      timeoutMs: file.timing?.timeout ?? SCENARIO_DEFAULTS.timing.timeoutMs,
      primeMaxMs: primeMaxMs(file),
      rampUpMs: file.timing?.rampUp ?? SCENARIO_DEFAULTS.timing.rampUpMs,
      thinkTimeMs: file.timing?.thinkTime ?? SCENARIO_DEFAULTS.timing.thinkTimeMs,
    },
    slo: {
      ...(file.slo?.p99 !== undefined && { p99Ms: file.slo.p99 }),
      ...sloErrorPct(file.slo?.errorRate),
      ...(file.slo?.stopSeriesWhen !== undefined && {
        stopSeriesWhen: {
          ...(file.slo.stopSeriesWhen.p99 !== undefined && { p99Ms: file.slo.stopSeriesWhen.p99 }),
          ...(file.slo.stopSeriesWhen.errorRate !== undefined && { errorPct: file.slo.stopSeriesWhen.errorRate }),
        },
      }),
    },
    generator: {
      ...(file.generator?.workers !== undefined && { workers: file.generator.workers }),
      ...(file.generator?.client !== undefined && { client: file.generator.client }),
    },
    placement: normalizePlacement(file),
    monitorPids: file.monitor?.pids ?? [],
    monitorPrometheus: (file.monitor?.prometheus ?? []).map((endpoint) => ({ url: endpoint.url, job: endpoint.job, component: endpoint.component ?? 'gateway' })),
  };
  if (file.request?.method === 'GET') scenario.request = { method: 'GET' };
  if (file.description !== undefined) scenario.description = file.description;
  if (sourceFile !== undefined) scenario.sourceFile = resolve(sourceFile);
  if (file.capacity !== undefined) {
    const { targetRps, headroom, mix, minRps, internalExternal, hybrid } = file.capacity;
    scenario.capacity = {
      targetRps,
      headroomPct: headroom ?? SCENARIO_DEFAULTS.capacity.headroomPct,
      ...(mix === undefined
        ? {}
        : { mix: mix.map((entry) => ({ name: entry.name ?? entry.api, api: entry.api, messageSizeBytes: entry.size, backendSleepMs: entry.sleep ?? 0, weight: entry.weight })) }),
      ...(minRps === undefined ? {} : { minRps }),
      ...(internalExternal === undefined ? {} : { internalExternal }),
      ...(hybrid === undefined ? {} : { hybrid }),
    };
  }
  return scenario;
}

function normalizeTarget(file: ScenarioFile, baseDir: string): TargetSpec {
  const target = file.target;
  const common = {
    routes: {
      echo: target.routes?.echo ?? SCENARIO_DEFAULTS.target.routes.echo,
      mediation: target.routes?.mediation ?? SCENARIO_DEFAULTS.target.routes.mediation,
    },
    headers: { ...(target.headers ?? {}) },
    auth: normalizeAuth(file),
    tls: normalizeTls(file, baseDir),
  };
  const kind = target.kind ?? 'external';
  if (kind === 'external') {
    const start = target.start === undefined ? {} : { start: { command: target.start.command, cwd: resolve(baseDir), readyTimeoutMs: target.start.readyTimeout ?? SCENARIO_DEFAULTS.target.startReadyTimeoutMs } };
    return { ...common, kind, baseUrl: (target.baseUrl ?? '').replace(/\/+$/, ''), ...start };
  }
  const workers = target.workers ?? SCENARIO_DEFAULTS.target.workers;
  if (kind === 'nginx') return { ...common, kind, workers, ...(target.binary !== undefined && { binary: target.binary }) };
  return { ...common, kind, workers, ...(target.requireToken !== undefined && { requireToken: target.requireToken }) };
}

function normalizeAuth(file: ScenarioFile): AuthSpec {
  const auth = file.target.auth;
  if (auth === undefined || auth.kind === 'none') return { kind: 'none' };
  if (auth.kind === 'bearer') return { kind: 'bearer', token: auth.token ?? '' };
  return {
    kind: 'oauth2',
    grant: auth.grant ?? 'client_credentials',
    tokenUrl: auth.tokenUrl ?? '',
    clientId: auth.clientId ?? '',
    clientSecret: auth.clientSecret ?? '',
    ...(auth.username !== undefined && { username: auth.username }),
    ...(auth.password !== undefined && { password: auth.password }),
    ...(auth.scope !== undefined && { scope: auth.scope }),
    refreshMarginMs: auth.refreshMargin ?? SCENARIO_DEFAULTS.auth.refreshMarginMs,
  };
}

function normalizeTls(file: ScenarioFile, baseDir: string): TlsSpec {
  const tls = file.target.tls;
  return {
    insecure: tls?.insecure ?? false,
    // A relative caFile is relative to the scenario file, so a scenario can travel with its CA.
    ...(tls?.caFile !== undefined && { caFile: resolve(baseDir, tls.caFile) }),
  };
}

function normalizeBackend(file: ScenarioFile): BackendSpec {
  const backend = file.backend;
  const kind = backendKind(file);
  if (kind === 'external-mock') {
    return { kind, url: backend?.url ?? '', adminUrl: backend?.adminUrl ?? '', ...(backend?.adminToken !== undefined && { adminToken: backend.adminToken }) };
  }
  if (kind === 'own') return backend?.url === undefined ? { kind } : { kind, url: backend.url };
  return { kind: 'embedded', workers: backend?.workers ?? SCENARIO_DEFAULTS.backend.workers };
}

function primeMaxMs(file: ScenarioFile): number {
  const prime = file.timing?.prime;
  if (prime === 'off') return 0;
  if (prime !== undefined) return prime;
  const { perPointFactor, minMs, maxMs } = SCENARIO_DEFAULTS.timing.primeMaxMs;
  const perPointMs = (file.timing?.warmup ?? SCENARIO_DEFAULTS.timing.warmupMs) + (file.timing?.duration ?? SCENARIO_DEFAULTS.timing.durationMs);
  return Math.min(maxMs, Math.max(minMs, perPointFactor * perPointMs));
}

function normalizePlacement(file: ScenarioFile): PlacementSpec {
  const placement = file.placement;
  if (placement === undefined) {
    const started = (file.target.kind ?? 'external') !== 'external';
    return { kind: started ? SCENARIO_DEFAULTS.placement.started : SCENARIO_DEFAULTS.placement.external };
  }
  if (placement === 'auto' || placement === 'off') return { kind: placement };
  const share = (value: string | number | undefined): CpuShare | undefined =>
    value === undefined ? undefined : typeof value === 'number' ? { count: value } : { cpus: parseCpuList(value) };
  const pinned: PlacementSpec = { kind: 'pinned' };
  for (const role of ['gateway', 'backend', 'generator'] as const) {
    const value = share(placement[role]);
    if (value !== undefined) pinned[role] = value;
  }
  return pinned;
}

function normalizeLevels(file: ScenarioFile): LoadLevels {
  if (file.sweep.rates !== undefined) {
    return { model: 'open', ratesRps: file.sweep.rates, maxInFlight: file.sweep.maxInFlight ?? SCENARIO_DEFAULTS.sweep.maxInFlight };
  }
  return { model: 'closed', concurrency: file.sweep.concurrency ?? [] };
}

/** The error-rate limit: 1 % when the scenario gives none (a run must not pass on errors), none for `off`. */
function sloErrorPct(errorRate: number | 'off' | undefined): Pick<SloSpec, 'errorPct' | 'errorPctIsDefault'> {
  if (errorRate === 'off') return {};
  if (errorRate === undefined) return { errorPct: SCENARIO_DEFAULTS.slo.errorPct, errorPctIsDefault: true };
  return { errorPct: errorRate };
}
