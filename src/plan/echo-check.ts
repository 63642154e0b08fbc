import type { Api, Scenario } from '../scenario/types.js';

/**
 * Whether a point's response must echo its request body: only the echo API, and only in front of a backend
 * that echoes (the mock backend). The user's own backend need not echo. The built-in engine and the exported
 * k6 scripts both ask here, so the same scenario fails the same checks under either driver.
 */
export function expectsEcho(scenario: Scenario, api: Api): boolean {
  return (api === 'echo' || api === 'direct') && scenario.backend.kind !== 'own';
}
