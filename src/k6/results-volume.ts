import { GatebenchError } from '../errors.js';
import type { K6Plan } from './types.js';

/**
 * Sizing of the k6-operator results volume. k6 writes about 15 JSON lines per request (http_reqs,
 * http_req_duration and its six phases, http_req_failed, two checks, data_sent, data_received, iterations,
 * iteration_duration) of about 280 bytes each with the exported script's trimmed tags; k6 only logs a failed
 * write, so a full volume silently cuts the files short. Estimates, not promises: docs/k6.md says how to
 * give a larger `--storage`.
 */
export const JSON_BYTES_PER_REQUEST = 4200;

/**
 * Closed model: what the gateway and network are assumed to add to the backend sleep and think time. A faster
 * gateway answers more requests, so at 0 ms backend sleep this is the figure the estimate depends on most.
 */
export const ASSUMED_GATEWAY_MS = 5;

/** Closed model: the estimate's ceiling on one point's throughput (all runners), so 0 ms sleeps at high concurrency stay plausible. */
export const ASSUMED_MAX_RPS = 10_000;

/** Headroom over the estimate before a volume counts as tight. */
export const STORAGE_HEADROOM = 1.25;

export interface ResultsVolumeEstimate {
  /** Requests the whole sweep is expected to send (warm-up included: k6 writes those too). */
  requests: number;
  /** JSON bytes all runners together are expected to write. */
  bytes: number;
  /** A Kubernetes quantity (whole Gi) with headroom over `bytes`. */
  storage: string;
}

/** Expected requests: open model rate × seconds; closed model min(users / (sleep + think + gateway), ASSUMED_MAX_RPS) × seconds. */
export function estimateResultsVolume(plan: K6Plan): ResultsVolumeEstimate {
  let requests = 0;
  for (const pointPlan of plan.points) {
    const seconds = (pointPlan.warmupMs + pointPlan.durationMs) / 1000;
    const { point } = pointPlan;
    if (point.model === 'open') requests += (point.rateRps ?? 0) * seconds;
    else requests += Math.min(((point.concurrency ?? 1) * 1000) / (point.backendSleepMs + pointPlan.thinkTimeMs + ASSUMED_GATEWAY_MS), ASSUMED_MAX_RPS) * seconds;
  }
  requests = Math.ceil(requests);
  const bytes = requests * JSON_BYTES_PER_REQUEST;
  const gib = Math.max(1, Math.ceil((bytes * STORAGE_HEADROOM) / 2 ** 30));
  return { requests, bytes, storage: `${gib}Gi` };
}

const UNITS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };

/** Bytes of a Kubernetes storage quantity such as `5Gi`, `500M` or `1e9`. */
export function quantityBytes(quantity: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)([A-Za-z]*)$/.exec(quantity.trim());
  const unit = match ? UNITS[match[2]!] : undefined;
  if (!match || unit === undefined) {
    throw new GatebenchError('GB_INPUT_INVALID', `--storage ${JSON.stringify(quantity)} is not a Kubernetes storage quantity`, { hint: 'write it as e.g. 20Gi, 500Mi or 2Ti' });
  }
  return Number(match[1]) * unit;
}

/** A warning when the requested storage leaves less than STORAGE_HEADROOM over the estimate, else undefined. */
export function storageWarning(storage: string, estimate: ResultsVolumeEstimate): string | undefined {
  const bytes = quantityBytes(storage);
  if (bytes >= estimate.bytes * STORAGE_HEADROOM) return undefined;
  const gb = (value: number): string => `${(value / 1e9).toFixed(1)} GB`;
  return (
    `--storage ${storage} (${gb(bytes)}) is tight for this sweep: about ${estimate.requests.toLocaleString('en-US')} requests × ${JSON_BYTES_PER_REQUEST} bytes of JSON ≈ ${gb(estimate.bytes)}, ` +
    `and k6 only logs failed writes, so a full volume silently cuts the output short; use --storage ${estimate.storage}, or edit arguments to write .json.gz`
  );
}
