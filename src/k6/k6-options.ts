import { BACKEND_CONFIGURE_LEAD_MS } from './k6-plan.js';
import type { Scenario } from '../scenario/types.js';
import type { K6Plan, K6PointPlan } from './types.js';

/**
 * The k6 `options` object of an exported script, as plain JSON. Closed model -> `constant-vus` (or
 * `ramping-vus` when the scenario ramps users up), open model -> `constant-arrival-rate` with maxVUs = the
 * in-flight cap. SLOs become thresholds on each point's measured samples; points without an SLO get a
 * threshold that always passes, only so k6 keeps per-point figures in its end-of-test summary.
 */
export type K6Executor =
  | { executor: 'constant-vus'; vus: number; duration: string }
  | { executor: 'ramping-vus'; startVUs: number; stages: Array<{ duration: string; target: number }>; gracefulRampDown: string }
  | { executor: 'constant-arrival-rate'; rate: number; timeUnit: string; duration: string; preAllocatedVUs: number; maxVUs: number }
  | { executor: 'shared-iterations'; vus: number; iterations: number; maxDuration: string };

export type K6ScenarioOptions = K6Executor & {
  exec: string;
  startTime: string;
  gracefulStop: string;
  tags: Record<string, string>;
  env: Record<string, string>;
};

export interface K6Options {
  scenarios: Record<string, K6ScenarioOptions>;
  thresholds: Record<string, string[]>;
  systemTags: string[];
  summaryTrendStats: string[];
  insecureSkipTLSVerify: boolean;
  setupTimeout: string;
}

/** Only the tags import needs, so each JSON line stays short. */
export const K6_SYSTEM_TAGS = ['status', 'error_code', 'expected_response', 'check', 'scenario', 'method'];

export function ms(value: number): string {
  return `${Math.round(value)}ms`;
}

export function buildK6Options(k6Plan: K6Plan, scenario: Scenario): K6Options {
  const scenarios: Record<string, K6ScenarioOptions> = {};
  const thresholds: Record<string, string[]> = {};
  for (const [position, pointPlan] of k6Plan.points.entries()) {
    // gb_test sits on each scenario, not in options.tags: any `--tag` on k6's command line replaces
    // options.tags, and k6-operator always adds `--tag instance_id=… --tag testrun_name=…`.
    const tags = { gb_test: k6Plan.testId, point: pointPlan.point.pointId };
    const env = { GB_POINT: String(position) };
    if (scenario.backend.kind === 'external-mock') {
      scenarios[`${pointPlan.k6Scenario}_backend`] = {
        executor: 'shared-iterations',
        vus: 1,
        iterations: 1,
        maxDuration: '10s',
        exec: 'configureBackend',
        startTime: ms(Math.max(0, pointPlan.startTimeMs - BACKEND_CONFIGURE_LEAD_MS)),
        gracefulStop: '0s',
        tags: { ...tags, phase: 'setup' },
        env,
      };
    }
    scenarios[pointPlan.k6Scenario] = {
      ...loadExecutor(pointPlan, scenario),
      exec: 'iteration',
      startTime: ms(pointPlan.startTimeMs),
      gracefulStop: ms(pointPlan.gracefulStopMs),
      tags,
      env,
    };
    const selector = `{point:${pointPlan.point.pointId},phase:measure}`;
    thresholds[`http_req_duration${selector}`] = [scenario.slo.p99Ms !== undefined ? `p(99)<=${scenario.slo.p99Ms}` : 'max>=0'];
    thresholds[`http_req_failed${selector}`] = [scenario.slo.errorPct !== undefined ? `rate<=${scenario.slo.errorPct / 100}` : 'rate>=0'];
    thresholds[`http_reqs${selector}`] = ['count>=0'];
  }
  return {
    scenarios,
    thresholds,
    systemTags: K6_SYSTEM_TAGS,
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(75)', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'count'],
    insecureSkipTLSVerify: scenario.target.tls.insecure,
    setupTimeout: ms(Math.max(60_000, scenario.timing.timeoutMs * 2)),
  };
}

function loadExecutor(pointPlan: K6PointPlan, scenario: Scenario): K6Executor {
  const { point } = pointPlan;
  const totalMs = pointPlan.warmupMs + pointPlan.durationMs;
  if (point.model === 'closed') {
    const users = point.concurrency ?? 1;
    const rampUpMs = Math.min(scenario.timing.rampUpMs, totalMs);
    if (rampUpMs <= 0) return { executor: 'constant-vus', vus: users, duration: ms(totalMs) };
    const stages = [{ duration: ms(rampUpMs), target: users }];
    if (totalMs > rampUpMs) stages.push({ duration: ms(totalMs - rampUpMs), target: users });
    return { executor: 'ramping-vus', startVUs: 0, stages, gracefulRampDown: ms(pointPlan.gracefulStopMs) };
  }
  const rateRps = point.rateRps ?? 1;
  const maxVUs = Math.max(1, pointPlan.maxInFlight ?? 1000);
  // A first guess at the VUs in flight (rate x (backend sleep + 50 ms), doubled); k6 adds VUs up to maxVUs.
  const guess = Math.ceil(rateRps * ((point.backendSleepMs + 50) / 1000) * 2);
  return { executor: 'constant-arrival-rate', ...arrivalRate(rateRps), duration: ms(totalMs), preAllocatedVUs: Math.min(maxVUs, Math.max(1, guess)), maxVUs };
}

/** k6 wants a whole number of iterations per timeUnit: 12.5 rps becomes 25 per 2s, 0.5 rps 1 per 2s. */
export function arrivalRate(rateRps: number): { rate: number; timeUnit: string } {
  for (const seconds of [1, 2, 4, 5, 10, 20, 60, 100, 1000]) {
    const rate = rateRps * seconds;
    if (Math.abs(rate - Math.round(rate)) < 1e-9 && Math.round(rate) > 0) return { rate: Math.round(rate), timeUnit: `${seconds}s` };
  }
  return { rate: Math.max(1, Math.round(rateRps * 1000)), timeUnit: '1000s' };
}
