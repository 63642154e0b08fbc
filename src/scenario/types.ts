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
  | (TargetCommon & { kind: 'external'; baseUrl: string; start?: StartCommandSpec });

/** How gatebench starts a gateway it has no built-in kind for (a gateways/<name>/start.sh recipe). */
export interface StartCommandSpec {
  /** Shell command line; it must keep the gateway in the foreground. */
  command: string;
  /** Absolute folder it runs in: the scenario file's folder. */
  cwd: string;
  /** How long to wait for the gateway to accept connections on baseUrl's port. */
  readyTimeoutMs: number;
}

export type BackendSpec =
  /** gatebench starts the mock backend and sets its sleep for each point. */
  | { kind: 'embedded'; workers: number }
  /** A mock backend someone else started; gatebench sets its sleep through the admin URL. */
  | { kind: 'external-mock'; url: string; adminUrl: string; /** Bearer token of its admin API (`--admin-token`). */ adminToken?: string }
  /** The user's own backend: gatebench cannot set a sleep, so the sleep dimension holds one value. */
  | { kind: 'own'; url?: string };

/** `direct`: the echo points sent straight to the backend, skipping the gateway (what the gateway adds is the difference). */
export interface PrometheusEndpoint {
  url: string;
  /** A name for the endpoint in results and reports, e.g. `node` or `kong`. */
  job: string;
  /** Which host or process it describes: the gateway's (default) or the backend's. */
  component: 'gateway' | 'backend';
}

export type Api = 'echo' | 'mediation' | 'direct';

/**
 * How every point asks. POST (the default) sends WSO2's JSON body of the message size; GET sends no body and
 * the message size is the response size, asked of gatebench's mock backend with `?size=<bytes>`.
 */
export type RequestMethod = 'GET' | 'POST';

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
  /**
   * Warm start: before the first measured point, load each route the plan uses at its highest level until
   * throughput is steady, for at most this long in all; 0 = off. Kept out of every result.
   */
  primeMaxMs: number;
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

/** CPUs for one component: exact CPU numbers, or how many the run picks from the host's. */
export type CpuShare = { cpus: number[] } | { count: number };

/**
 * Where the local components run. `auto`: the gateway gets its own CPUs (half the host's, at least one),
 * the generator and the backend share the rest. `pinned`: what the file says; a component left out runs on
 * the CPUs no other component was given. `off`: no pinning.
 */
export type PlacementSpec =
  | { kind: 'off' }
  | { kind: 'auto' }
  | { kind: 'pinned'; gateway?: CpuShare; backend?: CpuShare; generator?: CpuShare };

export interface Scenario {
  name: string;
  description?: string;
  /** Absolute path of the YAML file it came from, when it came from one. */
  sourceFile?: string;
  target: TargetSpec;
  backend: BackendSpec;
  /** Present only for `method: GET`: a POST scenario keeps the hash it had before the field existed (--resume). */
  request?: { method: 'GET' };
  sweep: SweepSpec;
  timing: TimingSpec;
  slo: SloSpec;
  /** Load generator settings; `workers` undefined means chosen from the core count, `client` undefined means raw. */
  generator: { workers?: number; client?: 'raw' | 'undici' };
  /** CPU placement of the gateway, backend and load generator (applied with taskset). */
  placement: PlacementSpec;
  /** Other local processes (e.g. a gateway started by hand) whose CPU and RSS are recorded per point. */
  monitorPids: number[];
  /** Prometheus endpoints (node_exporter, a gateway's own metrics) scraped at the start and end of each measured window. */
  monitorPrometheus: PrometheusEndpoint[];
  /** Optional capacity question the report answers: instances needed for this rate. */
  capacity?: CapacitySpec;
}

/** One kind of traffic in the capacity question's mix; weights are shares of requests (normalized later). */
export interface CapacityMixSpec {
  name: string;
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  weight: number;
}

export interface CapacitySpec {
  targetRps: number;
  headroomPct: number;
  /** The traffic the report's headline answers for; without it the report gives one plan per measured series. */
  mix?: CapacityMixSpec[];
  /** The quietest sustained rate (deployment pattern: load varying 2x or more calls for autoscaling). */
  minRps?: number;
  /** Internal and external consumers on separate gateway clusters (WSO2 pattern 4). */
  internalExternal?: boolean;
  /** Part on-premise, part in a public cloud (WSO2 pattern 5). */
  hybrid?: boolean;
}
