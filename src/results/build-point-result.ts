import { encodeHistogram, type Histogram } from '../metrics/histogram.js';
import { summarizeMs } from './latency-summary.js';
import { littlesLaw } from './littles-law.js';
import { pointCounts } from './point-rates.js';
import type { ErrorsByKind, GeneratorFigures, OpenModelFigures, PointResult, TimelineSecond } from './types.js';
import { SCHEMA_VERSIONS } from './versions.js';

/** One phase (warm-up or measured window) as counted by a driver or an importer. */
export interface PhaseFigures {
  requests: number;
  errors: number;
  /** The phase's length; the divisor of every per-second figure (0 gives rates of 0). */
  durationS: number;
  timeline: TimelineSecond[];
  /** Latency in microseconds (open model: from the intended send). */
  latency: Histogram;
}

export interface MeasuredFigures extends PhaseFigures {
  bytesSent: number;
  bytesReceived: number;
  statusCounts: Record<string, number>;
  errorsByKind: ErrorsByKind;
  /** Open model: from the actual send. */
  serviceTime?: Histogram;
  /** The timeline in sub-second slices, where the driver keeps them. */
  timelineSlices?: PointResult['timelineSlices'];
}

/**
 * The concurrency that was offered, for Little's law. `users`: closed model, plus each user's think time.
 * `measuredInFlight`: open model, the time-averaged requests in flight the generator measured.
 * `arrivalRate`: open model where nothing measured the in-flight count (imports): an on-schedule arrival
 * process keeps rate x mean residence in flight, so the check then compares achieved and target rate.
 */
export type OfferedConcurrency =
  | { kind: 'users'; users: number; thinkTimeMs: number }
  | { kind: 'measuredInFlight'; meanInFlight: number }
  | { kind: 'arrivalRate'; rateRps: number };

export interface PointFigures {
  driver: { name: string; version: string };
  model: PointResult['model'];
  startedAt: string;
  endedAt: string;
  measure: MeasuredFigures;
  warmup: PhaseFigures;
  open?: OpenModelFigures;
  /** `saturated` follows from the reasons. */
  generator: Omit<GeneratorFigures, 'saturated'>;
  offered: OfferedConcurrency;
  drain?: { completed: number; abandoned: number };
  interrupted?: boolean;
}

/**
 * The one builder of a PointResult, shared by the built-in engine and every importer, so that the figures
 * (rates, summaries, Little's law) are derived the same way whoever counted the requests.
 */
export function buildPointResult(figures: PointFigures): PointResult {
  const { measure, warmup, generator } = figures;
  const perSecond = (value: number): number => (measure.durationS > 0 ? value / measure.durationS : 0);
  const latencyMs = summarizeMs(measure.latency);
  const serviceTimeMs = measure.serviceTime === undefined ? undefined : summarizeMs(measure.serviceTime);
  const counts = pointCounts(measure);
  const rates = { attemptsPerSec: perSecond(counts.attempts), responsesPerSec: perSecond(counts.responses), successfulPerSec: perSecond(counts.successful) };
  // Throughput means answers: goodput, never refused or timed-out attempts.
  const throughputRps = rates.successfulPerSec;
  // The time a request spends in flight: the service time where the open model keeps it apart from latency.
  const inFlightMs = (serviceTimeMs ?? latencyMs).mean;
  const offered = figures.offered;
  const offeredConcurrency =
    offered.kind === 'users' ? offered.users : offered.kind === 'measuredInFlight' ? offered.meanInFlight : (offered.rateRps * inFlightMs) / 1000;
  const residenceMs = inFlightMs + (offered.kind === 'users' ? offered.thinkTimeMs : 0);
  return {
    schemaVersion: SCHEMA_VERSIONS.pointResult,
    driver: figures.driver,
    model: figures.model,
    startedAt: figures.startedAt,
    endedAt: figures.endedAt,
    requests: measure.requests,
    errors: measure.errors,
    errorPct: measure.requests > 0 ? (measure.errors / measure.requests) * 100 : 0,
    throughputRps,
    rates,
    latencyMs,
    ...(serviceTimeMs === undefined ? {} : { serviceTimeMs }),
    durationS: measure.durationS,
    bytesSentPerSec: perSecond(measure.bytesSent),
    bytesReceivedPerSec: perSecond(measure.bytesReceived),
    statusCounts: measure.statusCounts,
    errorsByKind: measure.errorsByKind,
    timeline: measure.timeline,
    ...(measure.timelineSlices === undefined ? {} : { timelineSlices: measure.timelineSlices }),
    warmup: {
      requests: warmup.requests,
      errors: warmup.errors,
      durationS: warmup.durationS,
      throughputRps: warmup.durationS > 0 ? Math.max(0, warmup.requests - warmup.errors) / warmup.durationS : 0,
      timeline: warmup.timeline,
    },
    histograms: {
      latencyUs: encodeHistogram(measure.latency),
      ...(measure.serviceTime === undefined ? {} : { serviceTimeUs: encodeHistogram(measure.serviceTime) }),
      warmupLatencyUs: encodeHistogram(warmup.latency),
    },
    ...(figures.open === undefined ? {} : { open: figures.open }),
    generator: {
      workers: generator.workers,
      cpuPct: generator.cpuPct,
      eventLoopDelayP99Ms: generator.eventLoopDelayP99Ms,
      saturated: generator.saturationReasons.length > 0,
      saturationReasons: generator.saturationReasons,
      rssBytesMax: generator.rssBytesMax,
    },
    // Only responses have a latency, so their rate is the one Little's law pairs with it.
    littlesLaw: littlesLaw({ offeredConcurrency, throughputRps: rates.responsesPerSec, residenceMs }),
    ...(figures.drain === undefined ? {} : { drain: figures.drain }),
    ...(figures.interrupted ? { interrupted: true } : {}),
  };
}
