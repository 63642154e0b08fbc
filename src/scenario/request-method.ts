import type { RequestMethod, Scenario } from './types.js';

/** The scenario's HTTP method: GET when it says `request: { method: GET }`, else POST. */
export function requestMethod(scenario: Pick<Scenario, 'request'>): RequestMethod {
  return scenario.request?.method ?? 'POST';
}

/**
 * Whether a GET point's URL carries `?size=<bytes>` and its response must be that size: only in front of the
 * mock backend (embedded or external-mock), which serves exact sizes. The user's own API decides its sizes.
 */
export function asksResponseSize(scenario: Pick<Scenario, 'request' | 'backend'>): boolean {
  return requestMethod(scenario) === 'GET' && scenario.backend.kind !== 'own';
}

/**
 * What the sweep's sizes are, in words for tables and charts: the request's for POST, the response's for GET.
 * `capital`: as a heading starts (`Response size`).
 */
export function sizeNoun(scenario: Pick<Scenario, 'request'>, capital = false): string {
  return methodSizeNoun(requestMethod(scenario), capital);
}

/** sizeNoun for a method alone, where the scenario is not at hand (an analysis records its method). */
export function methodSizeNoun(method: RequestMethod, capital = false): string {
  const noun = method === 'GET' ? 'response size' : 'message size';
  return capital ? noun.charAt(0).toUpperCase() + noun.slice(1) : noun;
}
