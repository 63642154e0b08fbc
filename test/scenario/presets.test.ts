import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { maskSecrets } from '../../src/scenario/mask-secrets.js';
import { planRun } from '../../src/plan/plan.js';
import type { Scenario } from '../../src/scenario/types.js';

const wso2Env = {
  APIM_GATEWAY_HOST: 'apim.internal',
  APIM_CLIENT_ID: 'id',
  APIM_CLIENT_SECRET: 'secret',
  APIM_USERNAME: 'admin',
  APIM_PASSWORD: 'pw',
  MOCK_BACKEND_HOST: 'backend.internal',
  GATEBENCH_ADMIN_TOKEN: 'admin-token-value',
};

/** Seconds of warm-up, measurement and pause the plan needs, the figure each preset states in its comment. */
function plannedSeconds(scenario: Scenario): number {
  const { warmupMs, durationMs, pauseMs } = scenario.timing;
  return (planRun(scenario).points.length * (warmupMs + durationMs + pauseMs)) / 1000;
}

function statedInComment(file: string, figure: string): boolean {
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => line.startsWith('#') && line.includes(figure));
}

describe('scenario presets', () => {
  it('quick: embedded, 24 points (4 load levels per series), primed and pinned, within 2 minutes of planned time', async () => {
    const scenario = await loadScenario('scenarios/quick.yaml');
    expect(scenario.target.kind).toBe('embedded');
    expect(scenario.backend.kind).toBe('embedded');
    expect(planRun(scenario).points).toHaveLength(24);
    expect(scenario.sweep.levels).toMatchObject({ concurrency: [5, 10, 25, 50] });
    expect(scenario.placement).toEqual({ kind: 'auto' });
    // Planned windows, pauses and the warm start's bound leave room for start-up and drains in 2 minutes.
    expect(plannedSeconds(scenario) + scenario.timing.primeMaxMs / 1000).toBeLessThanOrEqual(90);
    expect(statedInComment('scenarios/quick.yaml', `= ${plannedSeconds(scenario)} s`)).toBe(true);
  });

  it("wso2-apim-2.1.0: WSO2's published matrix against an external gateway, secrets from the environment", async () => {
    const scenario = await loadScenario('scenarios/wso2-apim-2.1.0.yaml', { env: wso2Env });
    expect(planRun(scenario).points).toHaveLength(160);
    expect(scenario.sweep.messageSizesBytes).toEqual([50, 1024, 10240, 102400]);
    expect(scenario.sweep.backendSleepsMs).toEqual([0, 30, 500, 1000]);
    expect(scenario.sweep.levels).toEqual({ model: 'closed', concurrency: [100, 200, 300, 1000, 2000] });
    expect(scenario.timing).toMatchObject({ warmupMs: 300_000, durationMs: 900_000 });
    expect(scenario.target).toMatchObject({ kind: 'external', baseUrl: 'https://apim.internal:8243', tls: { insecure: true } });
    expect(scenario.target.auth).toMatchObject({ kind: 'oauth2', tokenUrl: 'https://apim.internal:8243/token', clientSecret: 'secret' });
    expect(scenario.backend).toEqual({ kind: 'external-mock', url: 'http://backend.internal:8688', adminUrl: 'http://backend.internal:8689', adminToken: 'admin-token-value' });
    expect(statedInComment('scenarios/wso2-apim-2.1.0.yaml', `${plannedSeconds(scenario).toLocaleString('en-US')} s`)).toBe(true);
    expect(maskSecrets(scenario).target.auth).toMatchObject({ clientSecret: '***', password: '***' });
    expect(maskSecrets(scenario).backend).toMatchObject({ adminToken: '***' });
    const missing = await loadScenario('scenarios/wso2-apim-2.1.0.yaml', { env: {} }).catch((error: Error) => error.message);
    expect(missing).toContain('environment variable APIM_GATEWAY_HOST is not set');
  });

  it('nginx and ci-regression load and state their planned time', async () => {
    for (const file of ['scenarios/nginx.yaml', 'scenarios/ci-regression.yaml']) {
      const scenario = await loadScenario(file);
      expect(statedInComment(file, `= ${plannedSeconds(scenario)} s`), file).toBe(true);
    }
    const ci = await loadScenario('scenarios/ci-regression.yaml');
    expect(ci.slo.p99Ms).toBeDefined();
    expect(ci.slo.errorPct).toBeDefined();
    expect(ci.sweep.order).toEqual({ kind: 'as-written' });
    expect((await loadScenario('scenarios/nginx.yaml')).target.kind).toBe('nginx');
  });
});
