import type { PlanPoint } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';

/**
 * What an exported k6 script runs, as plain data. The exporter writes it beside the script
 * (`gatebench-plan.json`), embeds it in the script, and the script's handleSummary() writes it back into the
 * summary JSON, so `gatebench import k6` can name every point without the scenario file.
 */
export interface K6PointPlan {
  point: PlanPoint;
  /** Name of the k6 scenario that runs this point (`[A-Za-z0-9_]` only). */
  k6Scenario: string;
  /** Offset from the start of the k6 test at which the point's load starts. */
  startTimeMs: number;
  warmupMs: number;
  durationMs: number;
  /** How long in-flight iterations may finish after the point (= the request timeout). */
  gracefulStopMs: number;
  thinkTimeMs: number;
  /** Open model: the in-flight cap, mapped to maxVUs. */
  maxInFlight?: number;
  /** Path of the API on the gateway. */
  route: string;
  /** What the URL ends with after the route: `?size=<bytes>` for a GET to the mock backend, else ''. */
  query: string;
  /** Expected response body length (echo API: the request size, or the size a GET asked for); undefined: not checked. */
  responseBytes?: number;
}

export interface K6Plan {
  kind: 'gatebench-k6-plan';
  schemaVersion: 1;
  /** Tag value (`gb_test`) on every sample; files of different tests are refused when merged. */
  testId: string;
  /** The scenario with secrets masked. */
  scenario: Scenario;
  scenarioHash: string;
  /** Total planned length of the k6 test. */
  totalMs: number;
  points: K6PointPlan[];
}

/** Names of the environment variables the exported script reads secrets from (never written into it). */
export const K6_SECRET_ENV = {
  baseUrl: 'GATEBENCH_BASE_URL',
  bearerToken: 'GATEBENCH_BEARER_TOKEN',
  clientSecret: 'GATEBENCH_CLIENT_SECRET',
  password: 'GATEBENCH_PASSWORD',
  summaryFile: 'GATEBENCH_SUMMARY_FILE',
} as const;

/**
 * The oldest k6 the exported script runs on: it sets the `phase` tag through `exec.vu.metrics.tags`, which
 * k6 v0.45.0 introduced (k6/execution). Older k6 fails on the first iteration.
 */
export const MIN_K6_VERSION = '0.45.0';

/** k6 refuses a constant-vus or constant-arrival-rate scenario shorter than this (lib/executor/base_config.go minDuration). */
export const K6_MIN_SCENARIO_MS = 1000;
