import { asksResponseSize, requestMethod } from '../scenario/request-method.js';
import type { Scenario } from '../scenario/types.js';
import { expectsEcho } from './echo-check.js';
import type { PlanPoint } from './types.js';

type PointShape = Pick<PlanPoint, 'api' | 'messageSizeBytes'>;

/**
 * The query a point's URL ends with: `?size=<bytes>` for a GET in front of the mock backend, which then
 * answers with a body of exactly that size; '' otherwise (POST, or the user's own API choosing its sizes).
 * The embedded gateway and nginx pass the query on to the backend unchanged.
 */
export function pointQuery(scenario: Scenario, point: PointShape): string {
  return asksResponseSize(scenario) ? `?size=${point.messageSizeBytes}` : '';
}

/**
 * What a point's response is checked against, by the built-in engine and the exported k6 scripts alike:
 * where the mock backend answers a pass-through point (echo, direct), its exact length, and for a POST also
 * the request body echoed byte for byte. A GET has no body to echo; the mock's answer is the point's size.
 */
export function responseChecks(scenario: Scenario, point: PointShape): { responseBytes?: number; echo?: true } {
  if (!expectsEcho(scenario, point.api)) return {};
  return requestMethod(scenario) === 'GET' ? { responseBytes: point.messageSizeBytes } : { echo: true, responseBytes: point.messageSizeBytes };
}
