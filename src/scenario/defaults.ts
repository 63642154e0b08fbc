/**
 * Every default a scenario file may leave out, in one place. The schema fills these in; docs/scenarios.md
 * lists the same values (a test keeps the two in step).
 */
export const SCENARIO_DEFAULTS = {
  target: {
    routes: { echo: '/echo', mediation: '/mediation' },
    workers: 1,
  },
  backend: { workers: 1 },
  auth: { refreshMarginMs: 30_000 },
  sweep: {
    backendSleepsMs: [0],
    mediation: ['off'] as Array<'off' | 'on'>,
    repetitions: 1,
    /** Open model: cap on requests in flight; sends past it are counted as dropped. */
    maxInFlight: 10_000,
  },
  timing: {
    warmupMs: 10_000,
    durationMs: 30_000,
    pauseMs: 2_000,
    timeoutMs: 30_000,
    rampUpMs: 0,
    thinkTimeMs: 0,
  },
  capacity: { headroomPct: 30 },
  /** A point with more errors than this fails, unless the scenario says `errorRate: off`. */
  slo: { errorPct: 1 },
} as const;
