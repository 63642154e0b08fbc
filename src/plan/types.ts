import type { Api, RequestMethod } from '../scenario/types.js';

/** One measurement to make: a fixed combination of the sweep's dimensions. Plain data, no I/O. */
export interface PlanPoint {
  /** Stable and unique within a plan, built from the parameters, e.g. `echo-1KiB-30ms-c100-r1`. */
  pointId: string;
  /** Position in execution order (0-based). */
  index: number;
  api: Api;
  /** Present only for GET (then messageSizeBytes is the response size); left out, the point is a POST. */
  method?: Extract<RequestMethod, 'GET'>;
  messageSizeBytes: number;
  backendSleepMs: number;
  model: 'closed' | 'open';
  /** Closed model: virtual users. */
  concurrency?: number;
  /** Open model: arrival rate. */
  rateRps?: number;
  /** 1-based repetition number. */
  repetition: number;
  /** Same for points that differ only in load level and repetition, e.g. `echo-1KiB-30ms`. */
  seriesKey: string;
}

export interface Plan {
  scenarioName: string;
  /** Hash of the normalized scenario; `--resume` refuses a run whose hash differs. */
  scenarioHash: string;
  points: PlanPoint[];
}
