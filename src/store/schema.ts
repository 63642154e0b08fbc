import { z } from 'zod';
import { pointResultSchema, sloVerdictSchema } from '../results/schema.js';
import { SCHEMA_VERSIONS } from '../results/versions.js';
import type { PlanPoint } from '../plan/types.js';
import type { ProcessUsage, StoredPoint } from './types.js';

/**
 * Schemas of a run folder's records, checked by src/store/read-run.ts when a run is read back. Loose objects,
 * as in src/results/schema.ts: fields added within a schema version are kept.
 */
const figure = z.number();

export const planPointSchema = z.looseObject({
  pointId: z.string(),
  index: z.number().int().nonnegative(),
  api: z.enum(['echo', 'mediation', 'direct']),
  method: z.literal('GET').optional(),
  messageSizeBytes: figure,
  backendSleepMs: figure,
  model: z.enum(['closed', 'open']),
  concurrency: figure.optional(),
  rateRps: figure.optional(),
  repetition: z.number().int(),
  seriesKey: z.string(),
}) satisfies z.ZodType<PlanPoint>;

const processUsageSchema = z.looseObject({
  role: z.string(),
  pid: z.number().int(),
  cpuPct: figure,
  rssBytesMean: figure,
  rssBytesMax: figure,
}) satisfies z.ZodType<ProcessUsage>;

export const storedPointSchema = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSIONS.storedPoint),
  runId: z.string(),
  point: planPointSchema,
  result: pointResultSchema,
  resources: z.array(processUsageSchema),
  slo: sloVerdictSchema,
}) satisfies z.ZodType<StoredPoint>;

/**
 * The manifest's envelope. Its `scenario` was validated by the scenario schema when the run started (and its
 * hash guards --resume), so here it is only required to be an object with a name.
 */
export const runManifestSchema = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSIONS.manifest),
  runId: z.string(),
  scenario: z.looseObject({ name: z.string() }),
  scenarioHash: z.string(),
  gatebench: z.looseObject({ version: z.string(), gitCommit: z.string().optional() }),
  host: z.looseObject({ hostname: z.string(), cpuModel: z.string(), cores: figure, memoryBytes: figure, os: z.string(), nodeVersion: z.string() }),
  source: z.string(),
  targetDescription: z.string(),
  backendDescription: z.string(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  status: z.enum(['running', 'complete', 'interrupted', 'failed']),
  plannedPoints: z.number().int().nonnegative(),
});

