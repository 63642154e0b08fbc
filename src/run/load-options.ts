import { defaultWorkerCount } from '../engine/index.js';
import type { LoadOptions, WorkloadModel } from '../engine/types.js';
import type { PlanPoint } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import type { StartedTarget } from '../targets/types.js';
import { GatebenchError } from '../errors.js';
import { pointQuery, responseChecks } from '../plan/point-request.js';
import { requestMethod } from '../scenario/request-method.js';

/** Longest wait for requests still in flight when the measured window closes. */
const MAX_DRAIN_MS = 10_000;

/**
 * What the driver needs for one point: a POST of the WSO2 payload to the point's API, the target's headers,
 * and the point's workload. Echo points also check that the body came back byte for byte — except behind the
 * user's own backend, which need not echo. Direct points go to the backend itself, without the gateway's
 * headers (its auth means nothing there), and check the echo the same way. A GET scenario sends no body and
 * asks the mock backend for the point's size (`?size=`); its echo points check the response's length.
 */
export function buildLoadOptions(
  scenario: Scenario,
  point: PlanPoint,
  target: StartedTarget,
  body: Uint8Array,
  targetHeaders: Record<string, string>,
  backendUrl = '',
): LoadOptions {
  const direct = point.api === 'direct';
  const url = (direct ? directUrl(backendUrl) : `${target.baseUrl}${point.api === 'echo' ? target.echoPath : target.mediationPath}`) + pointQuery(scenario, point);
  const model = workloadModel(scenario, point);
  const headers = direct ? {} : targetHeaders;
  const options: LoadOptions = {
    request:
      requestMethod(scenario) === 'GET'
        ? { url, method: 'GET', headers: { ...headers } }
        : { url, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body },
    model,
    warmupMs: scenario.timing.warmupMs,
    durationMs: scenario.timing.durationMs,
    drainTimeoutMs: Math.min(scenario.timing.timeoutMs, MAX_DRAIN_MS),
    timeoutMs: scenario.timing.timeoutMs,
    // Left open, the engine sizes it from the load level and the cores (leaving one core to the rest).
    workers: scenario.generator.workers ?? defaultWorkerCount(model),
    checks: { statusClass: 2, ...responseChecks(scenario, point) },
    ...(scenario.generator.client !== undefined && { client: scenario.generator.client }),
  };
  if (!direct && target.baseUrl.startsWith('https:')) options.tls = { ...scenario.target.tls };
  return options;
}

/** The backend's base URL as the gateway's echo route would reach it (the bare prefix maps to `<backend>/`). */
function directUrl(backendUrl: string): string {
  if (backendUrl === '') throw new GatebenchError('GB_CONFIG_INVALID', 'sweep.direct: the backend has no URL to send the direct points to', { hint: 'set backend.url' });
  return `${backendUrl.replace(/\/+$/, '')}/`;
}

function workloadModel(scenario: Scenario, point: PlanPoint): WorkloadModel {
  const levels = scenario.sweep.levels;
  if (levels.model === 'open') return { kind: 'open', rateRps: point.rateRps ?? 0, maxInFlight: levels.maxInFlight };
  return { kind: 'closed', users: point.concurrency ?? 1, rampUpMs: scenario.timing.rampUpMs, thinkTimeMs: scenario.timing.thinkTimeMs };
}
