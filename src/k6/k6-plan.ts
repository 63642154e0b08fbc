import { SCHEMA_VERSIONS } from '../results/versions.js';
import { GatebenchError } from '../errors.js';
import { planRun } from '../plan/plan.js';
import { maskSecrets } from '../scenario/mask-secrets.js';
import type { Scenario } from '../scenario/types.js';
import type { K6Plan, K6PointPlan } from './types.js';
import { pointQuery, responseChecks } from '../plan/point-request.js';

/** Time the one-iteration scenario that sets the mock backend's sleep gets before the point starts. */
export const BACKEND_CONFIGURE_LEAD_MS = 2000;

/**
 * Lays the scenario's points out on one k6 timeline: each point is one k6 scenario (warm-up and measured
 * window back to back, so connections stay warm), started after the previous one's graceful stop and pause.
 * Pure: the same scenario gives the same plan.
 */
export function buildK6Plan(scenario: Scenario): K6Plan {
  if (scenario.sweep.apis.includes('direct')) {
    throw new GatebenchError('GB_CONFIG_INVALID', 'sweep.direct: the k6 export covers the gateway only; direct points go to the backend, not to target.baseUrl', {
      hint: 'remove sweep.direct for k6, and measure the direct series with `gatebench run` on one generator',
    });
  }
  const plan = planRun(scenario);
  const { timing } = scenario;
  const lead = scenario.backend.kind === 'external-mock' ? BACKEND_CONFIGURE_LEAD_MS : 0;
  let cursorMs = 0;
  const points: K6PointPlan[] = plan.points.map((point) => {
    const startTimeMs = cursorMs + lead;
    const gracefulStopMs = timing.timeoutMs;
    cursorMs = startTimeMs + timing.warmupMs + timing.durationMs + gracefulStopMs + timing.pauseMs;
    const { responseBytes } = responseChecks(scenario, point);
    return {
      point,
      k6Scenario: `p${String(point.index).padStart(3, '0')}_${point.pointId.replace(/[^A-Za-z0-9_]/g, '_')}`,
      startTimeMs,
      warmupMs: timing.warmupMs,
      durationMs: timing.durationMs,
      gracefulStopMs,
      thinkTimeMs: timing.thinkTimeMs,
      ...(scenario.sweep.levels.model === 'open' ? { maxInFlight: scenario.sweep.levels.maxInFlight } : {}),
      route: point.api === 'mediation' ? scenario.target.routes.mediation : scenario.target.routes.echo,
      query: pointQuery(scenario, point),
      // The same length check as the built-in engine: the mock's echo (POST) or the size asked for (GET).
      ...(responseBytes !== undefined ? { responseBytes } : {}),
    };
  });
  return {
    kind: 'gatebench-k6-plan',
    schemaVersion: SCHEMA_VERSIONS.k6Plan,
    testId: `${scenario.name}@${plan.scenarioHash.slice(0, 12)}`,
    scenario: maskSecrets(scenario),
    scenarioHash: plan.scenarioHash,
    totalMs: Math.max(0, cursorMs - timing.pauseMs),
    points,
  };
}
