import type { PlanPoint } from '../plan/types.js';
import type { Api, Scenario } from '../scenario/types.js';

/**
 * The scenario an imported run is recorded under when none is given: its sweep lists what the files measured,
 * its target and backend say only that they were outside gatebench's control. Reports read it like any other.
 */
export function importedScenario(name: string, points: PlanPoint[], timing: { warmupMs: number; durationMs: number }, sampleUrl = ''): Scenario {
  const unique = <T>(values: T[]): T[] => [...new Set(values)];
  return {
    name,
    description: 'Imported results: the load was generated outside gatebench.',
    target: { kind: 'external', baseUrl: originOf(sampleUrl), routes: { echo: '/echo', mediation: '/mediation' }, headers: {}, auth: { kind: 'none' }, tls: { insecure: false } },
    backend: { kind: 'own' },
    sweep: {
      messageSizesBytes: unique(points.map((point) => point.messageSizeBytes)).sort((a, b) => a - b),
      backendSleepsMs: unique(points.map((point) => point.backendSleepMs)).sort((a, b) => a - b),
      levels: { model: 'closed', concurrency: unique(points.map((point) => point.concurrency ?? 1)).sort((a, b) => a - b) },
      apis: unique(points.map((point) => point.api)) as Api[],
      repetitions: 1,
      order: { kind: 'as-written' },
    },
    timing: { warmupMs: timing.warmupMs, durationMs: timing.durationMs, pauseMs: 0, timeoutMs: 0, primeMaxMs: 0, rampUpMs: 0, thinkTimeMs: 0 },
    slo: {},
    generator: {},
    placement: { kind: 'off' },
    monitorPids: [],
    monitorPrometheus: [],
  };
}

/** `https://gw:8243/echo/1.0.0` -> `https://gw:8243`; unknown when the files hold no URL. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'http://unknown.invalid';
  }
}
