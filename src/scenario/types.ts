/**
 * The normalized Scenario: what `loadScenario()` returns after validating a YAML file.
 * Every duration is in milliseconds, every size in bytes, every rate in requests per second.
 * Later stages (plan, run, k6 export) consume only this type, never the raw YAML.
 */

export type AuthSpec =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | {
      kind: 'oauth2';
      grant: 'client_credentials' | 'password';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      username?: string;
      password?: string;
      scope?: string;
      /** Refresh this long before the token's `expires_in` runs out. */
      refreshMarginMs: number;
    };

export interface TlsSpec {
  /** PEM file of the CA that signed the gateway's certificate. */
  caFile?: string;
  /** Accept any certificate (self-signed test gateways, as WSO2's default is). Explicit opt-in only. */
  insecure: boolean;
}

export interface RoutesSpec {
  /** Path prefix of the echo (pass-through) API, e.g. `/echo` or `/echo/1.0.0`. */
  echo: string;
  /** Path prefix of the mediation API. */
  mediation: string;
}

interface TargetCommon {
  routes: RoutesSpec;
  headers: Record<string, string>;
  auth: AuthSpec;
  tls: TlsSpec;
}

export type TargetSpec =
  | (TargetCommon & { kind: 'embedded'; workers: number; requireToken?: string })
  | (TargetCommon & { kind: 'nginx'; workers: number; binary?: string })
  | (TargetCommon & { kind: 'external'; baseUrl: string });

export type BackendSpec =
  /** gatebench starts the mock backend and sets its sleep for each point. */
  | { kind: 'embedded'; workers: number }
  /** A mock backend someone else started; gatebench sets its sleep through the admin URL. */
  | { kind: 'external-mock'; url: string; adminUrl: string }
  /** The user's own backend: gatebench cannot set a sleep, so the sleep dimension holds one value. */
  | { kind: 'own'; url?: string };

export type Api = 'echo' | 'mediation';

export type LoadLevels =
  | { model: 'closed'; concurrency: number[] }
  | { model: 'open'; ratesRps: number[]; maxInFlight: number };

export interface SweepSpec {
  messageSizesBytes: number[];
  backendSleepsMs: number[];
  levels: LoadLevels;
  apis: Api[];
  repetitions: number;
  order: { kind: 'as-written' } | { kind: 'shuffled'; seed: number };
}

export interface TimingSpec {
  warmupMs: number;
  durationMs: number;
  pauseMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Closed model: ramp users up over this time at the start of warm-up. */
  rampUpMs: number;
  /** Closed model: pause of each user between its requests. */
  thinkTimeMs: number;
}

export interface SloSpec {
  p99Ms?: number;
  /** Undefined only when the scenario says `errorRate: off`. */
  errorPct?: number;
  /** Set when errorPct is the 1 % default, not the scenario's own figure (the table and report say so). */
  errorPctIsDefault?: true;
  /** Stop a series early (skip its higher load levels) once a point is past these limits. */
  stopSeriesWhen?: { p99Ms?: number; errorPct?: number };
}

export interface Scenario {
  name: string;
  description?: string;
  /** Absolute path of the YAML file it came from, when it came from one. */
  sourceFile?: string;
  target: TargetSpec;
  backend: BackendSpec;
  sweep: SweepSpec;
  timing: TimingSpec;
  slo: SloSpec;
  /** Load generator settings; `workers` undefined means chosen from the core count, `client` undefined means raw. */
  generator: { workers?: number; client?: 'raw' | 'undici' };
  /** Other local processes (e.g. a gateway started by hand) whose CPU and RSS are recorded per point. */
  monitorPids: number[];
  /** Optional capacity question the report answers: instances needed for this rate. */
  capacity?: { targetRps: number; headroomPct: number };
}
