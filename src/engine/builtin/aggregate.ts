import { mergeEncoded } from '../../metrics/histogram.js';
import { addCounts } from '../../metrics/counters.js';
import { buildPointResult } from '../../results/build-point-result.js';
import type { OpenModelFigures, PointResult } from '../../results/types.js';
import type { LoadOptions } from '../types.js';
import type { WorkerPhaseResult, WorkerResult } from './protocol.js';
import { assessGenerator } from './generator-health.js';
import { SLICE_MS } from './recorder.js';
import type { PhaseTimeline } from './timeline-merger.js';

export interface CoordinatorFigures {
  driver: { name: string; version: string };
  workers: number;
  startedAt: string;
  endedAt: string;
  measureStartEpochMs: number;
  warmupMs: number;
  cpuPct: number;
  rssBytesMax: number;
  interrupted: boolean;
  /** The timelines merged from the workers' slices while they ran. */
  timelines: { warmup: PhaseTimeline; window: PhaseTimeline };
}

/** Merges every worker's result exactly (counts added, histograms merged bucket by bucket) into a PointResult. */
export function aggregatePointResult(options: LoadOptions, results: WorkerResult[], figures: CoordinatorFigures): PointResult {
  const windowEndEpochMs = Math.max(figures.measureStartEpochMs, ...results.map((result) => result.windowEndEpochMs));
  const durationS = (windowEndEpochMs - figures.measureStartEpochMs) / 1000;
  const warmupS = figures.warmupMs / 1000;
  const window = mergePhase(results.map((result) => result.window));
  const warmup = mergePhase(results.map((result) => result.warmup));
  const windowTimeline = figures.timelines.window.finish(durationS);
  const warmupTimeline = figures.timelines.warmup.finish(warmupS);
  const open = options.model.kind === 'open' ? mergeOpen(results, options.model.maxInFlight, options.durationMs / 1000) : undefined;
  const meanInFlight = durationS > 0 ? results.reduce((sum, result) => sum + result.inFlightAreaMs, 0) / (durationS * 1000) : 0;
  const eventLoopDelayP99Ms = Math.max(0, ...results.map((result) => result.eventLoopDelayP99Ms));
  const laggingSends = results.reduce((sum, result) => sum + (result.open?.laggingSends ?? 0), 0);
  const scheduledSends = options.model.kind === 'open' ? options.model.rateRps * durationS : undefined;
  const saturationReasons = assessGenerator({ workers: figures.workers, cpuPct: figures.cpuPct, eventLoopDelayP99Ms, open, laggingSends, ...(scheduledSends !== undefined ? { scheduledSends } : {}) });
  const drain = results.reduce((sum, result) => ({ completed: sum.completed + result.drain.completed, abandoned: sum.abandoned + result.drain.abandoned }), { completed: 0, abandoned: 0 });
  return buildPointResult({
    driver: figures.driver,
    model: options.model.kind,
    startedAt: figures.startedAt,
    endedAt: figures.endedAt,
    measure: {
      ...window,
      durationS,
      timeline: windowTimeline.seconds,
      ...(windowTimeline.slices === undefined ? {} : { timelineSlices: { sliceMs: SLICE_MS, slices: windowTimeline.slices } }),
      latency: mergeEncoded(results.map((result) => result.window.latencyUs)),
      ...(options.model.kind === 'open' ? { serviceTime: mergeEncoded(results.flatMap((result) => result.window.serviceTimeUs ?? [])) } : {}),
    },
    warmup: { ...warmup, durationS: warmupS, timeline: warmupTimeline.seconds, latency: mergeEncoded(results.map((result) => result.warmup.latencyUs)) },
    ...(open === undefined ? {} : { open }),
    generator: { workers: figures.workers, cpuPct: figures.cpuPct, eventLoopDelayP99Ms, saturationReasons, rssBytesMax: figures.rssBytesMax },
    offered: options.model.kind === 'closed' ? { kind: 'users', users: options.model.users, thinkTimeMs: options.model.thinkTimeMs } : { kind: 'measuredInFlight', meanInFlight },
    drain,
    ...(figures.interrupted ? { interrupted: true } : {}),
  });
}

interface MergedPhase {
  requests: number;
  errors: number;
  bytesSent: number;
  bytesReceived: number;
  statusCounts: Record<string, number>;
  errorsByKind: Record<string, number>;
}

function mergePhase(phases: WorkerPhaseResult[]): MergedPhase {
  const merged: MergedPhase = { requests: 0, errors: 0, bytesSent: 0, bytesReceived: 0, statusCounts: {}, errorsByKind: {} };
  for (const phase of phases) {
    merged.requests += phase.requests;
    merged.errors += phase.errors;
    merged.bytesSent += phase.bytesSent;
    merged.bytesReceived += phase.bytesReceived;
    addCounts(merged.statusCounts, phase.statusCounts);
    addCounts(merged.errorsByKind, phase.errorsByKind);
  }
  return merged;
}

function mergeOpen(results: WorkerResult[], maxInFlight: number, durationS: number): OpenModelFigures {
  const sum = (pick: (open: NonNullable<WorkerResult['open']>) => number): number => results.reduce((total, result) => total + (result.open === undefined ? 0 : pick(result.open)), 0);
  const targetSends = sum((open) => open.targetSends);
  return {
    targetRps: durationS > 0 ? targetSends / durationS : 0,
    sent: sum((open) => open.sent),
    lateSends: sum((open) => open.lateSends),
    droppedSends: sum((open) => open.droppedSends),
    maxInFlight,
  };
}
