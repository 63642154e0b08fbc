/**
 * The systems under test and behind it, as the runner sees them once started.
 * Nothing in the runner may assume the target is one of ours: it only uses these fields.
 */

export interface LocalProcess {
  /** What it is, e.g. `gateway`, `backend`, `nginx-worker`. */
  role: string;
  pid: number;
}

export interface StartedTarget {
  /** Base URL with no trailing slash, e.g. `http://127.0.0.1:8280`. */
  baseUrl: string;
  /** Full path prefixes of the two APIs on this target. */
  echoPath: string;
  mediationPath: string;
  /** Headers every request must carry (static headers and resolved auth). Called before each point. */
  requestHeaders(): Promise<Record<string, string>>;
  /** Local processes this target runs, for resource accounting. Empty for an external gateway. */
  processes(): LocalProcess[];
  /** Human description for the manifest and report, e.g. `nginx 1.22.1 (1 worker) with njs`. */
  description: string;
  /** The last output of a gateway gatebench started by its own command (its error log), for diagnosing a failure. */
  recentOutput?(): string;
  close(): Promise<void>;
}

export interface StartedBackend {
  /** URL the gateway forwards to. */
  url: string;
  /** Sets the backend's sleep before a point; undefined for the user's own backend. */
  setSleepMs?(sleepMs: number): Promise<void>;
  processes(): LocalProcess[];
  description: string;
  close(): Promise<void>;
}
