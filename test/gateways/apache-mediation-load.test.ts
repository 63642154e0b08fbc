import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { planRun } from '../../src/plan/plan.js';
import { runPlan } from '../../src/run/run-plan.js';
import { freePort } from '../../src/runtime/ports.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { startTarget } from '../../src/targets/index.js';
import type { StartedTarget } from '../../src/targets/types.js';
import { missingComponent } from '../helpers/components.js';

/**
 * The Apache recipe's mod_lua mediation under real concurrency. With `LuaScope thread`, the event MPM's
 * threads corrupted the Lua heap: the child aborted (`free(): invalid size`) every few thousand requests,
 * closing every open connection, which showed as ~50 closed/reset requests per crash at 50 users. One point
 * of 50 users for a few seconds (bounded by time) must have no error and no child exit in Apache's log.
 */
const missing = missingComponent('apache2') ?? missingComponent('lua-cjson');

describe.skipIf(missing !== undefined)('gateways/apache mediation at 50 users', () => {
  it('answers every request, and no Apache child dies', { timeout: 120_000 }, async () => {
    const file = resolve('gateways', 'apache', 'scenario.yaml');
    const document = parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
    document.target.baseUrl = `http://127.0.0.1:${await freePort()}`;
    document.sweep = { messageSizes: ['1KiB'], backendSleeps: ['0ms'], concurrency: [50], mediation: ['on'] };
    document.timing = { warmup: '500ms', duration: '12s', pause: '0s', timeout: '5s', prime: 'off' };
    delete document.slo;
    const scenario = parseScenario(stringify(document), file);
    let started: StartedTarget | undefined;
    const result = await runPlan(scenario, planRun(scenario), {
      outDir: await mkdtemp(join(tmpdir(), 'gatebench-apache-load-')),
      components: {
        startTarget: async (spec, backend) => {
          started = await startTarget(spec, backend);
          return started;
        },
      },
    });
    const log = started?.recentOutput?.() ?? '';
    expect(result.status).toBe('complete');
    const [{ result: measured }] = result.points as [(typeof result.points)[number]];
    expect(measured.requests).toBeGreaterThan(0);
    expect(measured.errors, JSON.stringify(measured.errorsByKind)).toBe(0);
    expect(log, 'Apache logged a child exit').not.toMatch(/exit signal|free\(\): invalid/);
  });
});
