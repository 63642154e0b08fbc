import { z } from 'zod';
import { minimumPayloadBytes } from '../payload.js';
import {
  dimension,
  durationField,
  httpUrl,
  pathPrefix,
  percentField,
  positiveInt,
  rateField,
  sizeField,
  strictObject,
} from './schema-fields.js';

/**
 * The scenario file's schema (zod v4). It only checks and parses; defaults and shortcuts are applied in
 * normalize.ts, cross-field rules in cross-checks.ts. Field names are the ones documented in docs/scenarios.md.
 */

const authSchema = strictObject({
  kind: z.enum(['none', 'bearer', 'oauth2']),
  token: z.string().min(1, 'is empty').optional(),
  grant: z.enum(['client_credentials', 'password']).optional(),
  tokenUrl: httpUrl().optional(),
  clientId: z.string().min(1, 'is empty').optional(),
  clientSecret: z.string().min(1, 'is empty').optional(),
  username: z.string().min(1, 'is empty').optional(),
  password: z.string().min(1, 'is empty').optional(),
  scope: z.string().optional(),
  refreshMargin: durationField().optional(),
});

const tlsSchema = strictObject({
  caFile: z.string().min(1, 'is empty').optional(),
  insecure: z.boolean({ error: 'expected true or false' }).optional(),
});

const targetObject = strictObject({
  kind: z.enum(['embedded', 'nginx', 'external']).optional(),
  baseUrl: httpUrl().optional(),
  workers: positiveInt('workers').optional(),
  binary: z.string().min(1, 'is empty').optional(),
  requireToken: z.string().min(1, 'is empty').optional(),
  routes: strictObject({ echo: pathPrefix().optional(), mediation: pathPrefix().optional() }).optional(),
  headers: z.record(z.string(), z.string({ error: 'header values must be strings (quote numbers)' })).optional(),
  auth: authSchema.optional(),
  tls: tlsSchema.optional(),
  start: strictObject({ command: z.string({ error: 'expected a command line, e.g. ./start.sh' }).min(1, 'is empty'), readyTimeout: durationField().optional() }).optional(),
});

/** `target: embedded` is short for `target: { kind: embedded }`. */
const targetSchema = z.preprocess((value) => (typeof value === 'string' ? { kind: value } : value), targetObject);

const backendObject = strictObject({
  kind: z.enum(['embedded', 'external-mock', 'own']).optional(),
  workers: positiveInt('workers').optional(),
  url: httpUrl().optional(),
  adminUrl: httpUrl().optional(),
  adminToken: z.string().min(8, 'use at least 8 characters (the backend refuses shorter ones)').optional(),
});

const backendSchema = z.preprocess((value) => (typeof value === 'string' ? { kind: value } : value), backendObject);

const mediationValue = z
  .union([z.enum(['off', 'on']), z.boolean()], { error: 'expected off or on' })
  .transform((value) => (value === true ? 'on' : value === false ? 'off' : value));

const messageSize = sizeField().superRefine((bytes, ctx) => {
  const minimum = minimumPayloadBytes(bytes);
  if (bytes < minimum) ctx.addIssue({ code: 'custom', message: `${bytes} bytes cannot hold the WSO2 payload shape; use ${minimum}B or more` });
});

const sweepSchema = strictObject({
  messageSizes: dimension(messageSize, 'messageSizes'),
  backendSleeps: dimension(durationField(), 'backendSleeps').optional(),
  concurrency: dimension(positiveInt('concurrency'), 'concurrency').optional(),
  rates: dimension(rateField(), 'rates').optional(),
  maxInFlight: positiveInt('maxInFlight').optional(),
  mediation: dimension(mediationValue, 'mediation').optional(),
  direct: z.boolean({ error: 'expected true or false' }).optional(),
  repetitions: positiveInt('repetitions').optional(),
  order: z.enum(['as-written', 'shuffled']).optional(),
  seed: z.number({ error: 'expected a whole number' }).int('must be a whole number').optional(),
});

/** `request: { method: GET }`: no body, and the sweep's sizes are response sizes. `get` reads as GET. */
const requestSchema = strictObject({
  method: z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.enum(['GET', 'POST'], { error: 'expected GET or POST' })).optional(),
});

const timingSchema = strictObject({
  warmup: durationField().optional(),
  duration: durationField().optional(),
  pause: durationField().optional(),
  timeout: durationField().optional(),
  prime: z.union([z.literal('off'), durationField()], { error: 'expected off or a longest priming time such as 10s' }).optional(),
  rampUp: durationField().optional(),
  thinkTime: durationField().optional(),
});

/** A CPU list ("1", "0-3", "0,2") or a number of CPUs gatebench picks (`gateway: 4`). */
const cpuShare = z.union([z.string(), positiveInt('CPUs')], { error: 'expected a CPU list such as "1" or "0-3", or a number of CPUs such as 4' });

/** `placement: auto | off`, or which CPUs each local component may run on. */
const placementSchema = z.union(
  [z.enum(['auto', 'off']), strictObject({ gateway: cpuShare.optional(), backend: cpuShare.optional(), generator: cpuShare.optional() })],
  { error: 'expected auto, off, or a mapping such as { gateway: "1", backend: "0", generator: "0" }' },
);

const limitsSchema = strictObject({ p99: durationField().optional(), errorRate: percentField().optional() });

const sloErrorRate = z.union([z.literal('off'), percentField()], { error: 'expected a percentage such as 1% or 0.5%, or off' });

const sloSchema = strictObject({
  p99: durationField().optional(),
  errorRate: sloErrorRate.optional(),
  stopSeriesWhen: limitsSchema.optional(),
});

const capacityMixSchema = strictObject({
  name: z.string({ error: 'expected a name such as orders' }).optional(),
  api: z.enum(['echo', 'mediation'], { error: 'expected echo or mediation' }),
  size: sizeField(),
  sleep: durationField().optional(),
  weight: percentField(),
});

export const scenarioFileSchema = strictObject({
  name: z
    .string({ error: 'expected a name' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" and "-" only (it names the run folder)')
    .optional(),
  description: z.string().optional(),
  target: targetSchema,
  backend: backendSchema.optional(),
  request: requestSchema.optional(),
  sweep: sweepSchema,
  timing: timingSchema.optional(),
  slo: sloSchema.optional(),
  generator: strictObject({ workers: positiveInt('workers').optional(), client: z.enum(['raw', 'undici']).optional() }).optional(),
  placement: placementSchema.optional(),
  monitor: strictObject({
    pids: z.array(positiveInt('pid')).optional(),
    prometheus: z
      .array(
        strictObject({
          url: httpUrl(),
          job: z.string({ error: 'expected a name such as node' }).regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'use letters, digits, "_" and "-" (it names the figures)'),
          component: z.enum(['gateway', 'backend']).optional(),
        }),
      )
      .optional(),
  }).optional(),
  capacity: strictObject({
    targetRps: rateField(),
    headroom: percentField().optional(),
    /** The traffic the headline answers for: shares of requests by API, size and sleep. */
    mix: z.array(capacityMixSchema, { error: 'expected a list of { api, size, sleep, weight }' }).min(1, 'mix is empty; list at least one entry').optional(),
    /** The quietest sustained rate: with it, how much the load varies decides autoscaling (deployment pattern). */
    minRps: rateField().optional(),
    internalExternal: z.boolean({ error: 'expected true or false' }).optional(),
    hybrid: z.boolean({ error: 'expected true or false' }).optional(),
  }).optional(),
});

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
