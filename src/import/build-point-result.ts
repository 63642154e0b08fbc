import { summarizeMs } from '../metrics/histogram.js';
import type { PointResult } from '../engine/types.js';
import type { PlanPoint } from '../plan/types.js';
import type { PhaseAccumulator } from './point-accumulator.js';

/** What an importer knows about one point besides its samples. */
export interface ImportedPointFacts {
  point: PlanPoint;
  measure: PhaseAccumulator;
  warmup: PhaseAccumulator;
  driver: { name: string; version: string };
  /** The measured window; its length is the divisor of every per-second figure. */
  window: { startMs: number; endMs: number };
  warmupWindow?: { startMs: number; endMs: number };
  bytesSent: number;
  bytesReceived: number;
  /** How many load generators (files) contributed samples. */
  runners: number;
  thinkTimeMs: number;
  open?: { targetRps: number; droppedSends: number; maxInFlight: number };
  saturationReasons: string[];
}

/** Little's law within 10 %: the offered and the implied concurrency agree. */
const LITTLES_LAW_TOLERANCE = 0.1;

export function buildPointResult(facts: ImportedPointFacts): PointResult {
  const { measure, warmup, point } = facts;
  const durationS = Math.max(0.001, (facts.window.endMs - facts.window.startMs) / 1000);
  const latencyMs = summarizeMs(measure.histogram);
  const throughputRps = measure.requests / durationS;
  const warmupDurationS = facts.warmupWindow ? Math.max(0, (facts.warmupWindow.endMs - facts.warmupWindow.startMs) / 1000) : 0;
  const latencyUs = measure.encoded();
  const offered = point.model === 'closed' ? (point.concurrency ?? 0) : (point.rateRps ?? 0) * (latencyMs.mean / 1000);
  const implied = throughputRps * ((latencyMs.mean + (point.model === 'closed' ? facts.thinkTimeMs : 0)) / 1000);
  const ratio = offered > 0 ? implied / offered : 0;
  return {
    schemaVersion: 1,
    driver: facts.driver,
    model: point.model,
    startedAt: new Date(facts.window.startMs).toISOString(),
    endedAt: new Date(facts.window.endMs).toISOString(),
    requests: measure.requests,
    errors: measure.errors,
    errorPct: measure.requests > 0 ? (measure.errors / measure.requests) * 100 : 0,
    throughputRps,
    latencyMs,
    // Arrival-rate executors start each request on schedule or drop it, so the send is never late:
    // latency from the intended send equals the service time (see docs/k6.md).
    ...(facts.open ? { serviceTimeMs: latencyMs } : {}),
    durationS,
    bytesSentPerSec: facts.bytesSent / durationS,
    bytesReceivedPerSec: facts.bytesReceived / durationS,
    statusCounts: { ...measure.statusCounts },
    errorsByKind: { ...measure.errorsByKind },
    timeline: measure.timeline(),
    warmup: {
      requests: warmup.requests,
      errors: warmup.errors,
      durationS: warmupDurationS,
      throughputRps: warmupDurationS > 0 ? warmup.requests / warmupDurationS : 0,
      timeline: warmup.timeline(),
    },
    histograms: {
      latencyUs,
      ...(facts.open ? { serviceTimeUs: latencyUs } : {}),
      warmupLatencyUs: warmup.encoded(),
    },
    ...(facts.open
      ? {
          open: {
            targetRps: facts.open.targetRps,
            sent: measure.requests + facts.open.droppedSends,
            lateSends: 0,
            droppedSends: facts.open.droppedSends,
            maxInFlight: facts.open.maxInFlight,
          },
        }
      : {}),
    // Imported runs carry no generator CPU/RSS/event-loop figures: those read 0 (docs/k6.md says so).
    generator: {
      workers: facts.runners,
      cpuPct: 0,
      eventLoopDelayP99Ms: 0,
      saturated: facts.saturationReasons.length > 0,
      saturationReasons: facts.saturationReasons,
      rssBytesMax: 0,
    },
    littlesLaw: { offeredConcurrency: offered, impliedConcurrency: implied, ratio, ok: offered > 0 && Math.abs(1 - ratio) <= LITTLES_LAW_TOLERANCE },
  };
}
