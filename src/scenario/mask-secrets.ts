import type { Scenario } from './types.js';

export const MASK = '***';

const SENSITIVE_HEADER = /authorization|token|secret|api-?key|password|cookie/i;

/** Headers whose values are secrets: masked in the manifest, read from the environment by k6 scripts. */
export function isSecretHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** A copy of the scenario with every secret replaced by `***`, for the manifest, reports and the hash. */
export function maskSecrets(scenario: Scenario): Scenario {
  const target = scenario.target;
  const headers = Object.fromEntries(
    Object.entries(target.headers).map(([name, value]) => [name, isSecretHeader(name) ? MASK : value]),
  );
  const auth =
    target.auth.kind === 'bearer'
      ? { ...target.auth, token: MASK }
      : target.auth.kind === 'oauth2'
        ? { ...target.auth, clientSecret: MASK, ...(target.auth.password !== undefined && { password: MASK }) }
        : target.auth;
  const masked = { ...target, headers, auth };
  if (masked.kind === 'embedded' && masked.requireToken !== undefined) masked.requireToken = MASK;
  const backend = scenario.backend.kind === 'external-mock' && scenario.backend.adminToken !== undefined ? { ...scenario.backend, adminToken: MASK } : scenario.backend;
  return { ...scenario, target: masked, backend };
}
