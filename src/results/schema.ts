import { z } from 'zod';
import type { PointResult, SloVerdict } from './types.js';
import { SCHEMA_VERSIONS } from './versions.js';

/**
 * zod schemas of the results contract, checked whenever a stored result is read back (src/store/read-run.ts).
 * Objects are loose: within a schema version fields are only added, as optional ones, so a field this reader
 * does not know is kept, never dropped. `satisfies` keeps each schema in step with its type in ./types.ts.
 */
const count = z.number().int().nonnegative();
const figure = z.number();

export const latencySummaryMsSchema = z.looseObject({
  mean: figure,
  stdev: figure,
  min: figure,
  p50: figure,
  p75: figure,
  p90: figure,
  p95: figure,
  p99: figure,
  p999: figure,
  max: figure,
});

export const timelineSecondSchema = z.looseObject({
  second: z.number().int(),
  requests: count,
  errors: count,
  throughputRps: figure,
  p50Ms: figure,
  p99Ms: figure,
});

export const pointResultSchema = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSIONS.pointResult),
  driver: z.looseObject({ name: z.string(), version: z.string() }),
  model: z.enum(['closed', 'open']),
  startedAt: z.string(),
  endedAt: z.string(),
  requests: count,
  errors: count,
  errorPct: figure,
  throughputRps: figure,
  rates: z.looseObject({ attemptsPerSec: figure, responsesPerSec: figure, successfulPerSec: figure }),
  latencyMs: latencySummaryMsSchema,
  serviceTimeMs: latencySummaryMsSchema.optional(),
  durationS: figure,
  bytesSentPerSec: figure,
  bytesReceivedPerSec: figure,
  statusCounts: z.record(z.string(), count),
  errorsByKind: z.record(z.string(), count),
  timeline: z.array(timelineSecondSchema),
  warmup: z.looseObject({ requests: count, errors: count, durationS: figure, throughputRps: figure, timeline: z.array(timelineSecondSchema) }),
  histograms: z.looseObject({ latencyUs: z.string(), serviceTimeUs: z.string().optional(), warmupLatencyUs: z.string().optional() }),
  open: z.looseObject({ targetRps: figure, sent: count, lateSends: count, droppedSends: count, maxInFlight: count }).optional(),
  generator: z.looseObject({
    workers: count,
    cpuPct: figure,
    eventLoopDelayP99Ms: figure,
    saturated: z.boolean(),
    saturationReasons: z.array(z.string()),
    rssBytesMax: figure,
  }),
  littlesLaw: z.looseObject({ offeredConcurrency: figure, impliedConcurrency: figure, ratio: figure, ok: z.boolean() }),
  drain: z.looseObject({ completed: count, abandoned: count }).optional(),
  interrupted: z.boolean().optional(),
}) satisfies z.ZodType<PointResult>;

export const sloVerdictSchema = z.looseObject({ pass: z.boolean(), reasons: z.array(z.string()) }) satisfies z.ZodType<SloVerdict>;
