import { createHash } from 'node:crypto';
import { maskSecrets } from '../scenario/mask-secrets.js';
import { requestMethod } from '../scenario/request-method.js';
import type { Scenario } from '../scenario/types.js';
import { canonicalJson } from './canonical-json.js';
import { pointIdOf, seriesKeyOf } from './point-id.js';
import { seededShuffle } from './seeded-shuffle.js';
import type { Plan, PlanPoint } from './types.js';

/**
 * Expands a scenario into its ordered points. Pure: no I/O, same scenario -> same plan.
 *
 * As written, repetitions are the outer loop (so drift shows between repetitions), then api, message size,
 * backend sleep and load level, each in the order the file lists them: a series runs its load levels in a row.
 * Shuffled, the same points are put in a seeded random order.
 */
export function planRun(scenario: Scenario): Plan {
  const { sweep } = scenario;
  const levels =
    sweep.levels.model === 'closed'
      ? sweep.levels.concurrency.map((concurrency) => ({ concurrency }))
      : sweep.levels.ratesRps.map((rateRps) => ({ rateRps }));
  const method = requestMethod(scenario);
  const points: Omit<PlanPoint, 'index'>[] = [];
  for (let repetition = 1; repetition <= sweep.repetitions; repetition++) {
    for (const api of sweep.apis) {
      for (const messageSizeBytes of sweep.messageSizesBytes) {
        for (const backendSleepMs of sweep.backendSleepsMs) {
          const seriesKey = seriesKeyOf(api, messageSizeBytes, backendSleepMs, method);
          for (const level of levels) {
            points.push({
              pointId: pointIdOf(seriesKey, level, repetition),
              api,
              ...(method === 'GET' && { method }),
              messageSizeBytes,
              backendSleepMs,
              model: sweep.levels.model,
              ...level,
              repetition,
              seriesKey,
            });
          }
        }
      }
    }
  }
  const ordered = sweep.order.kind === 'shuffled' ? seededShuffle(points, sweep.order.seed) : points;
  return {
    scenarioName: scenario.name,
    scenarioHash: scenarioHash(scenario),
    points: ordered.map((point, index) => ({ ...point, index })),
  };
}

/**
 * sha256 of the canonical JSON of what the scenario measures. Left out: secrets (masked, so a rotated token
 * does not block --resume and the hash leaks nothing), the file's location, the monitored pids (a
 * restarted process has a new pid but the measurement is the same) and the telemetry endpoints (they observe).
 */
export function scenarioHash(scenario: Scenario): string {
  const { sourceFile: _sourceFile, monitorPids: _monitorPids, monitorPrometheus: _monitorPrometheus, ...measured } = maskSecrets(scenario);
  return createHash('sha256').update(canonicalJson(measured)).digest('hex');
}
