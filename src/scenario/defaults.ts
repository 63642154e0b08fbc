/**
 * Every default a scenario file may leave out, in one place. The schema fills these in; docs/scenarios.md
 * lists the same values (a test keeps the two in step).
 */
export const SCENARIO_DEFAULTS = {
  target: {
    routes: { echo: '/echo', mediation: '/mediation' },
    workers: 1,
    /** target.start: wait this long for the started gateway to accept connections. */
    startReadyTimeoutMs: 15_000,
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
    /** Longest warm start when `prime` is left out: 4 x (warm-up + window), between 2 s and 30 s. */
    primeMaxMs: { perPointFactor: 4, minMs: 2_000, maxMs: 30_000 },
  },
  /** `auto` for the targets gatebench starts (embedded, nginx); nothing to place for an external one. */
  placement: { started: 'auto', external: 'off' },
  capacity: { headroomPct: 30 },
  /** A point with more errors than this fails, unless the scenario says `errorRate: off`. */
  slo: { errorPct: 1 },
} as const;
