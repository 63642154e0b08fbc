import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { wso2Payload } from '../../src/payload.js';
import { planRun } from '../../src/plan/plan.js';
import { runPlan } from '../../src/run/run-plan.js';
import { freePort } from '../../src/runtime/ports.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { mediateJson } from '../../src/targets/embedded-gateway/mediation.js';
import { startTarget } from '../../src/targets/index.js';
import type { StartedTarget } from '../../src/targets/types.js';
import { missingComponent, type Component } from '../helpers/components.js';

/**
 * Each runnable recipe in gateways/ runs its own scenario file, cut to a 2-point sweep with short windows:
 * echo (byte-exact, checked by the engine on every response) and mediation (shape checked here against
 * the reference gateway's rebuild), with the CPU/RSS of the gateway's own processes recorded per point.
 */
interface Recipe {
  name: string;
  needs: Component[];
  mediation: boolean;
  /** Role prefix of the gateway's processes in the stored resources. */
  processRole: string;
}

const recipes: Recipe[] = [
  { name: 'nginx', needs: ['nginx', 'njs'], mediation: true, processRole: 'nginx' },
  { name: 'haproxy', needs: ['haproxy', 'lua-cjson'], mediation: true, processRole: 'gateway' },
  { name: 'apache', needs: ['apache2', 'lua-cjson'], mediation: true, processRole: 'gateway' },
  { name: 'caddy', needs: ['caddy'], mediation: false, processRole: 'gateway' },
];

const MESSAGE_BYTES = 1024;

async function recipeScenario(recipe: Recipe) {
  const file = resolve('gateways', recipe.name, 'scenario.yaml');
  const document = parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
  if (document.target.kind === 'external') document.target.baseUrl = `http://127.0.0.1:${await freePort()}`;
  document.sweep = {
    messageSizes: [`${MESSAGE_BYTES}B`],
    backendSleeps: ['0ms'],
    // Two points: echo and mediation at one level, or two levels of echo where the recipe has no mediation.
    concurrency: recipe.mediation ? [4] : [2, 4],
    mediation: recipe.mediation ? ['off', 'on'] : ['off'],
  };
  document.timing = { warmup: '200ms', duration: '600ms', pause: '0s', timeout: '5s' };
  delete document.slo;
  return parseScenario(stringify(document), file);
}

/** One request each way through the started gateway, before the sweep. */
async function probe(target: StartedTarget, mediation: boolean): Promise<void> {
  const body = wso2Payload(MESSAGE_BYTES);
  const echo = await request(`${target.baseUrl}${target.echoPath}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  expect(echo.statusCode).toBe(200);
  expect(Buffer.from(await echo.body.arrayBuffer()).equals(body)).toBe(true);
  const mediated = await request(`${target.baseUrl}${target.mediationPath}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const text = await mediated.body.text();
  if (!mediation) {
    // An echo-only recipe says so by refusing the route, never by passing the body through unchanged.
    expect(mediated.statusCode).toBe(404);
    return;
  }
  expect(mediated.statusCode).toBe(200);
  // Key order may differ (Lua tables have none); the fields and values must be the reference rebuild's.
  expect(JSON.parse(text)).toEqual(JSON.parse(mediateJson(body.toString('utf8'))));
}

describe.each(recipes)('gateways/$name recipe', (recipe) => {
  const missing = recipe.needs.map((name) => missingComponent(name)).find((reason) => reason !== undefined);
  // Starts a backend and a real gateway, then two points: more than the default guard on a busy 2-core host.
  it.skipIf(missing !== undefined)('answers echo byte-exact and mediation in shape through a 2-point sweep', { timeout: 180_000 }, async () => {
    const scenario = await recipeScenario(recipe);
    const outDir = await mkdtemp(join(tmpdir(), `gatebench-recipe-${recipe.name}-`));
    const result = await runPlan(scenario, planRun(scenario), {
      outDir,
      components: {
        startTarget: async (spec, backend) => {
          const target = await startTarget(spec, backend);
          try {
            await probe(target, recipe.mediation);
          } catch (error) {
            // The gateway's own log says why it did not answer (a crashed worker, a refused config).
            const log = target.recentOutput?.() ?? '';
            await target.close();
            throw new Error(`${recipe.name} probe failed: ${String(error)}\n--- gateway output ---\n${log}`, { cause: error });
          }
          return target;
        },
      },
    });
    expect(result.status).toBe('complete');
    expect(result.points).toHaveLength(2);
    for (const { point, result: measured, resources } of result.points) {
      expect(measured.requests, point.pointId).toBeGreaterThan(0);
      expect(measured.errors, `${point.pointId} ${JSON.stringify(measured.errorsByKind)}`).toBe(0);
      const gateway = resources.filter((usage) => usage.role.startsWith(recipe.processRole));
      expect(gateway.length, `${point.pointId}: gateway processes sampled`).toBeGreaterThan(0);
      expect(gateway.every((usage) => usage.rssBytesMax > 0)).toBe(true);
    }
    expect(result.points.map((stored) => stored.point.api)).toEqual(recipe.mediation ? ['echo', 'mediation'] : ['echo', 'echo']);
  });
});
