import type { Scenario } from '../scenario/types.js';

/** Manifest descriptions of an imported run's target and backend, from the scenario (nothing was started here). */
export function describeTarget(scenario: Scenario): string {
  const { target } = scenario;
  return target.kind === 'external' ? `external gateway at ${target.baseUrl} (auth: ${target.auth.kind})` : `${target.kind} gateway (auth: ${target.auth.kind})`;
}

export function describeBackend(scenario: Scenario): string {
  const { backend } = scenario;
  if (backend.kind === 'external-mock') return `gatebench mock backend at ${backend.url} (admin ${backend.adminUrl})`;
  if (backend.kind === 'own') return `own backend${backend.url !== undefined ? ` at ${backend.url}` : ''}`;
  return 'gatebench mock backend (embedded)';
}
