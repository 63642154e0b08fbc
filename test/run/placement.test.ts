import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { planRun } from '../../src/plan/plan.js';
import { allowedCpus } from '../../src/run/cpu-affinity.js';
import { applyPlacement, planPlacement } from '../../src/run/placement.js';
import { runPlan } from '../../src/run/run-plan.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { formatCpuList } from '../../src/scenario/units.js';
import { startBackend, startTarget } from '../../src/targets/index.js';

const everyRole = { gateway: true, backend: true, generator: true };

/** The CPU list the kernel holds for a process (or one thread of it), read the way `taskset -p` would. */
function cpusOf(path: string): string {
  return /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(path, 'utf8'))![1]!;
}
const threadsOfSelf = (): string[] => readdirSync('/proc/self/task').map((task) => cpusOf(`/proc/self/task/${task}/status`));

describe('planPlacement (which CPUs each role gets)', () => {
  it('auto gives the gateway the upper half of the CPUs and the generator and backend the rest', () => {
    expect(planPlacement({ kind: 'auto' }, [0, 1], everyRole).cpus).toEqual({ gateway: [1], backend: [0], generator: [0] });
    expect(planPlacement({ kind: 'auto' }, [0, 1, 2, 3, 4, 5, 6, 7], everyRole).cpus).toEqual({ gateway: [4, 5, 6, 7], backend: [0, 1, 2, 3], generator: [0, 1, 2, 3] });
    expect(planPlacement({ kind: 'auto' }, [3], everyRole)).toMatchObject({ mode: 'off', cpus: {}, note: expect.stringContaining('needs 2 CPUs') });
    expect(planPlacement({ kind: 'auto' }, [0, 1], { gateway: false, backend: false, generator: true }).mode).toBe('off');
  });

  it('a count takes the highest free CPUs; lists are kept; a role left out gets what no role was given', () => {
    expect(planPlacement({ kind: 'pinned', gateway: { count: 4 } }, [0, 1, 2, 3, 4, 5, 6, 7], everyRole).cpus).toEqual({
      gateway: [4, 5, 6, 7],
      backend: [0, 1, 2, 3],
      generator: [0, 1, 2, 3],
    });
    expect(planPlacement({ kind: 'pinned', gateway: { cpus: [1] }, backend: { cpus: [0] }, generator: { cpus: [0] } }, [0, 1], everyRole).cpus).toEqual({
      gateway: [1],
      backend: [0],
      generator: [0],
    });
    // No backend started here: nothing is planned for it.
    expect(planPlacement({ kind: 'pinned', gateway: { count: 1 } }, [0, 1, 2], { gateway: true, backend: false, generator: true }).cpus).toEqual({ gateway: [2], generator: [0, 1] });
  });

  it('refuses what the host cannot give, naming the field and a fix', () => {
    const refusal = (run: () => unknown): GatebenchError => {
      try {
        run();
      } catch (error) {
        return error as GatebenchError;
      }
      throw new Error('expected a refusal');
    };
    const tooMany = refusal(() => planPlacement({ kind: 'pinned', gateway: { count: 4 } }, [0, 1], everyRole));
    expect(tooMany.code).toBe('GB_CONFIG_INVALID');
    expect(tooMany.message).toContain('placement.gateway: 4 CPUs asked for, but only 2');
    const outside = refusal(() => planPlacement({ kind: 'pinned', backend: { cpus: [7] } }, [0, 1], everyRole));
    expect(outside.message).toContain('placement.backend: CPU 7 is not one this run may use (0-1)');
    const nothingLeft = refusal(() => planPlacement({ kind: 'pinned', gateway: { count: 2 } }, [0, 1], everyRole));
    expect(nothingLeft.message).toContain('no CPU is left for the backend and generator');
    expect(nothingLeft.hint).toContain('lists may overlap');
  });
});

describe('applyPlacement on real processes', () => {
  it('pins the gateway and backend processes and every thread of this process, as /proc reads them back, and restores this one', async () => {
    const host = allowedCpus();
    const last = host.at(-1)!;
    const first = host[0]!;
    const backend = await startBackend({ kind: 'embedded', workers: 1 });
    const scenario = parseScenario('target: embedded\nsweep: { messageSizes: [1KiB], concurrency: [1] }', 'p.yaml');
    const target = await startTarget(scenario.target, backend);
    try {
      const gateway = target.processes();
      const backendProcesses = backend.processes();
      expect(gateway.length).toBeGreaterThan(0);
      expect(backendProcesses.length).toBeGreaterThan(0);
      const applied = await applyPlacement({ kind: 'pinned', gateway: { cpus: [last] }, backend: { cpus: [first] }, generator: { cpus: [first] } }, { gateway, backend: backendProcesses });
      try {
        for (const { pid } of gateway) expect(cpusOf(`/proc/${pid}/status`)).toBe(String(last));
        for (const { pid } of backendProcesses) expect(cpusOf(`/proc/${pid}/status`)).toBe(String(first));
        // All of this process's threads (main, libuv pool, V8 helpers): the load workers it starts inherit it.
        expect(new Set(threadsOfSelf())).toEqual(new Set([String(first)]));
        expect(applied.record).toMatchObject({ mode: 'pinned', gateway: String(last), backend: String(first), generator: String(first), gatewayCpuCount: 1 });
        expect(applied.record.processes.map((entry) => entry.role).sort()).toEqual([...gateway.map((entry) => entry.role), ...backendProcesses.map((entry) => entry.role), 'generator'].sort());
      } finally {
        await applied.restore();
      }
      expect(cpusOf('/proc/self/status')).toBe(formatCpuList(host));
    } finally {
      await target.close();
      await backend.close();
    }
  });

  it('a run states its placement in the manifest and summary.csv, read back from the kernel', async () => {
    const host = allowedCpus();
    const scenario = parseScenario(
      [
        'target: embedded',
        'sweep: { messageSizes: [1KiB], concurrency: [2] }',
        'timing: { warmup: 100ms, duration: 300ms, pause: 0s, prime: off }',
        `placement: { gateway: "${host.at(-1)}", backend: "${host[0]}", generator: "${host[0]}" }`,
      ].join('\n'),
      'placed.yaml',
    );
    const result = await runPlan(scenario, planRun(scenario), { outDir: await mkdtemp(join(tmpdir(), 'gatebench-placement-')) });
    expect(result.status).toBe('complete');
    const placement = result.manifest.placement!;
    expect(placement).toMatchObject({ mode: 'pinned', gateway: String(host.at(-1)), backend: String(host[0]), generator: String(host[0]) });
    for (const entry of placement.processes) expect(entry.cpus, entry.role).toBe(entry.role === 'gateway' ? String(host.at(-1)) : String(host[0]));
    const rows = parse(await readFile(join(result.dir, 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows[0]!['CPU Placement']).toBe(`gateway ${host.at(-1)}; backend ${host[0]}; generator ${host[0]}`);
    // The run gave this process its CPUs back.
    expect(cpusOf('/proc/self/status')).toBe(formatCpuList(host));
  });
});
