import { basename, dirname, extname, resolve } from 'node:path';
import { backendKind } from './cross-checks.js';
import { SCENARIO_DEFAULTS } from './defaults.js';
import type { ScenarioFile } from './schema.js';
import type { AuthSpec, BackendSpec, LoadLevels, Scenario, SloSpec, TargetSpec, TlsSpec } from './types.js';

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
      apis: (file.sweep.mediation ?? SCENARIO_DEFAULTS.sweep.mediation).map((value) => (value === 'on' ? 'mediation' : 'echo')),
      repetitions: file.sweep.repetitions ?? SCENARIO_DEFAULTS.sweep.repetitions,
      order: file.sweep.order === 'shuffled' ? { kind: 'shuffled', seed: file.sweep.seed ?? 1 } : { kind: 'as-written' },
    },
    timing: {
      warmupMs: file.timing?.warmup ?? SCENARIO_DEFAULTS.timing.warmupMs,
      durationMs: file.timing?.duration ?? SCENARIO_DEFAULTS.timing.durationMs,
      pauseMs: file.timing?.pause ?? SCENARIO_DEFAULTS.timing.pauseMs,
      timeoutMs: file.timing?.timeout ?? SCENARIO_DEFAULTS.timing.timeoutMs,
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
    monitorPids: file.monitor?.pids ?? [],
  };
  if (file.description !== undefined) scenario.description = file.description;
  if (sourceFile !== undefined) scenario.sourceFile = resolve(sourceFile);
  if (file.capacity !== undefined) {
    scenario.capacity = { targetRps: file.capacity.targetRps, headroomPct: file.capacity.headroom ?? SCENARIO_DEFAULTS.capacity.headroomPct };
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
  if (kind === 'external') return { ...common, kind, baseUrl: (target.baseUrl ?? '').replace(/\/+$/, '') };
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
  if (kind === 'external-mock') return { kind, url: backend?.url ?? '', adminUrl: backend?.adminUrl ?? '' };
  if (kind === 'own') return backend?.url === undefined ? { kind } : { kind, url: backend.url };
  return { kind: 'embedded', workers: backend?.workers ?? SCENARIO_DEFAULTS.backend.workers };
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
