import { buildPointResult } from '../results/build-point-result.js';
import type { PointResult } from '../results/types.js';
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

/** An imported point's facts, handed to the one PointResult builder that the built-in engine also uses. */
export function buildImportedPointResult(facts: ImportedPointFacts): PointResult {
  const { measure, warmup, point } = facts;
  const durationS = Math.max(0.001, (facts.window.endMs - facts.window.startMs) / 1000);
  const warmupDurationS = facts.warmupWindow ? Math.max(0, (facts.warmupWindow.endMs - facts.warmupWindow.startMs) / 1000) : 0;
  return buildPointResult({
    driver: facts.driver,
    model: point.model,
    startedAt: new Date(facts.window.startMs).toISOString(),
    endedAt: new Date(facts.window.endMs).toISOString(),
    measure: {
      requests: measure.requests,
      errors: measure.errors,
      durationS,
      timeline: measure.timeline(),
      latency: measure.histogram,
      // Arrival-rate executors start each request on schedule or drop it, so the send is never late:
      // latency from the intended send equals the service time (see docs/k6.md).
      ...(facts.open ? { serviceTime: measure.histogram } : {}),
      bytesSent: facts.bytesSent,
      bytesReceived: facts.bytesReceived,
      statusCounts: { ...measure.statusCounts },
      errorsByKind: { ...measure.errorsByKind },
    },
    warmup: { requests: warmup.requests, errors: warmup.errors, durationS: warmupDurationS, timeline: warmup.timeline(), latency: warmup.histogram },
    ...(facts.open
      ? { open: { targetRps: facts.open.targetRps, sent: measure.requests + facts.open.droppedSends, lateSends: 0, droppedSends: facts.open.droppedSends, maxInFlight: facts.open.maxInFlight } }
      : {}),
    // Imported runs carry no generator CPU/RSS/event-loop figures: those read 0 (docs/k6.md says so).
    generator: { workers: facts.runners, cpuPct: 0, eventLoopDelayP99Ms: 0, saturationReasons: facts.saturationReasons, rssBytesMax: 0 },
    // No importer measures the requests in flight; the open model's offered concurrency follows from its rate.
    offered: point.model === 'closed' ? { kind: 'users', users: point.concurrency ?? 0, thinkTimeMs: facts.thinkTimeMs } : { kind: 'arrivalRate', rateRps: point.rateRps ?? 0 },
  });
}
