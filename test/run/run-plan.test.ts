import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { planRun } from '../../src/plan/plan.js';
import { runPlan } from '../../src/run/run-plan.js';
import type { RunEvent } from '../../src/run/run-events.js';
import { readRun } from '../../src/store/read-run.js';
import type { RunManifest } from '../../src/store/types.js';
import { FakeDriver } from '../fakes/fake-driver.js';
import { fakeComponents } from '../fakes/fake-components.js';

const yaml = (extra = '') =>
  `name: fake\ntarget: embedded\nsweep:\n  messageSizes: [50B, 1KiB]\n  backendSleeps: [0, 30ms]\n  concurrency: [10, 20, 30]\n  mediation: [off, on]\ntiming:\n  warmup: 0s\n  duration: 1s\n  pause: 0s\n  prime: off\n${extra}`;
const scenario = parseScenario(yaml(), 'fake.yaml');
const outDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'gatebench-run-'));

describe('runPlan with a fake driver', () => {
  it('measures every point once, sets the sleep first, and builds each request from the point', async () => {
    const components = fakeComponents();
    const events: RunEvent[] = [];
    const plan = planRun(scenario);
    const handle = runPlan(scenario, plan, { outDir: await outDir(), components, onEvent: (event) => events.push(event) });
    let emitted = 0;
    handle.on('point-end', () => emitted++);
    const result = await handle;

    expect(result.status).toBe('complete');
    expect(result.points.map((stored) => stored.point.pointId)).toEqual(plan.points.map((point) => point.pointId));
    expect(emitted).toBe(24);
    expect(events[0]).toMatchObject({ type: 'run-start', plannedPoints: 24, toRun: 24, alreadyDone: 0, resumed: false });
    expect(events.at(-1)).toEqual({ type: 'run-end', status: 'complete', dir: result.dir });
    expect(components.sleeps).toEqual(plan.points.map((point) => point.backendSleepMs));
    expect(components.closed).toEqual(['target', 'backend']);

    const calls = (components.driver as FakeDriver).calls;
    expect(calls[0]).toMatchObject({
      request: { url: 'http://127.0.0.1:9/echo', method: 'POST', headers: { authorization: 'Bearer fake', 'content-type': 'application/json' } },
      model: { kind: 'closed', users: 10, rampUpMs: 0, thinkTimeMs: 0 },
      checks: { statusClass: 2, echo: true, responseBytes: 50 },
      warmupMs: 0,
      durationMs: 1000,
    });
    expect(calls[0]!.request.body?.byteLength).toBe(50);
    const mediation = calls[plan.points.findIndex((point) => point.api === 'mediation')]!;
    expect(mediation.request.url).toBe('http://127.0.0.1:9/mediation');
    expect(mediation.checks).toEqual({ statusClass: 2 });

    const manifest = JSON.parse(await readFile(join(result.dir, 'manifest.json'), 'utf8')) as RunManifest;
    expect(manifest).toMatchObject({ status: 'complete', targetDescription: 'fake target', backendDescription: 'fake backend', plannedPoints: 24 });
    expect(manifest.endedAt).toBeDefined();
    expect(result.dir).toMatch(/\/\d{8}-\d{6}-fake$/);
  });

  it('keeps secrets out of the manifest', async () => {
    const secret = parseScenario(
      yaml().replace('target: embedded', 'target:\n  kind: embedded\n  requireToken: ${GB_RUN_TOKEN}\n  headers: { Authorization: "${GB_RUN_TOKEN}", X-Plain: visible }'),
      'fake.yaml',
      { env: { GB_RUN_TOKEN: 'tok-very-secret' } },
    );
    const result = await runPlan(secret, planRun(secret), { outDir: await outDir(), components: fakeComponents(), only: 'c=10,api=echo,size=50B,sleep=0' });
    const text = await readFile(join(result.dir, 'manifest.json'), 'utf8');
    expect(text).not.toContain('tok-very-secret');
    expect(JSON.parse(text)).toMatchObject({ scenario: { target: { requireToken: '***', headers: { Authorization: '***', 'X-Plain': 'visible' } } } });
  });

  it('marks SLO verdicts and stops a series once a load level is past stopSeriesWhen', async () => {
    const strict = parseScenario(yaml('slo:\n  p99: 100ms\n  stopSeriesWhen:\n    errorRate: 10%\n'), 'fake.yaml');
    // 50% errors from 20 users up, and slow (200 ms) at 10 users with 1KiB.
    const driver = new FakeDriver((options) => {
      const users = options.model.kind === 'closed' ? options.model.users : 0;
      const slow = options.request.body?.byteLength === 1024;
      return { latenciesMs: [1, 2, slow ? 200 : 3, 4], errors: users >= 20 ? 2 : 0 };
    }, 1);
    const events: RunEvent[] = [];
    const result = await runPlan(strict, planRun(strict), { outDir: await outDir(), components: fakeComponents(driver), onEvent: (event) => events.push(event) });

    // Each of the 8 series runs c10 and c20; c20 crosses the limit, so c30 is skipped.
    expect(result.points).toHaveLength(16);
    expect(result.points.every((stored) => stored.point.concurrency !== 30)).toBe(true);
    expect(events.filter((event) => event.type === 'point-skipped')).toHaveLength(8);
    expect(events.filter((event) => event.type === 'series-stopped')).toHaveLength(8);
    expect(result.notMeasured.map((point) => point.concurrency)).toEqual(Array(8).fill(30));
    const c10Small = result.points.find((stored) => stored.point.pointId === 'echo-50B-0ms-c10-r1')!;
    const c10Large = result.points.find((stored) => stored.point.pointId === 'echo-1KiB-0ms-c10-r1')!;
    expect(c10Small.slo).toEqual({ pass: true, reasons: [] });
    expect(c10Large.slo.pass).toBe(false);
    expect(c10Large.slo.reasons[0]).toMatch(/^p99 200(\.\d+)? ms is over the limit of 100 ms$/);
  });

  it('an abort abandons the point in flight; --resume measures the rest, each point exactly once', async () => {
    const root = await outDir();
    const controller = new AbortController();
    const first = runPlan(scenario, planRun(scenario), {
      outDir: root,
      components: fakeComponents(new FakeDriver(undefined, 50)),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'point-end' && event.number === 3) setTimeout(() => controller.abort(), 10);
      },
    });
    const events: RunEvent[] = [];
    first.on('event', (event: RunEvent) => events.push(event));
    const interrupted = await first;
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.points).toHaveLength(3);
    expect(events.some((event) => event.type === 'point-abandoned')).toBe(true);
    expect((await readRun(interrupted.dir)).manifest.status).toBe('interrupted');

    const resumedEvents: RunEvent[] = [];
    const resumed = await runPlan(scenario, planRun(scenario), {
      resumeDir: interrupted.dir,
      components: fakeComponents(),
      onEvent: (event) => resumedEvents.push(event),
    });
    expect(resumedEvents[0]).toMatchObject({ type: 'run-start', resumed: true, alreadyDone: 3, toRun: 21 });
    expect(resumed.status).toBe('complete');
    const ids = (await readRun(resumed.dir)).points.map((stored) => stored.point.pointId);
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);

    // Resuming a finished run measures nothing and starts nothing.
    const idle = fakeComponents();
    const again = await runPlan(scenario, planRun(scenario), { resumeDir: resumed.dir, components: idle });
    expect(again.status).toBe('complete');
    expect(again.points).toHaveLength(24);
    expect((idle.driver as FakeDriver).calls).toHaveLength(0);
    expect(idle.closed).toEqual([]);
  });

  it('refuses to resume when the scenario changed', async () => {
    const done = await runPlan(scenario, planRun(scenario), { outDir: await outDir(), components: fakeComponents(), only: 'c=10' });
    const changed = parseScenario(yaml().replace('duration: 1s', 'duration: 2s'), 'fake.yaml');
    const error = await runPlan(changed, planRun(changed), { resumeDir: done.dir, components: fakeComponents() }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GatebenchError);
    expect((error as GatebenchError).code).toBe('GB_RESUME_MISMATCH');
    expect((error as GatebenchError).message).toContain('the scenario changed');
  });

  it('--only runs the matching points and lists the others as not measured', async () => {
    const result = await runPlan(scenario, planRun(scenario), { outDir: await outDir(), components: fakeComponents(), only: 'api=mediation,size=1KiB,sleep=30ms' });
    expect(result.points.map((stored) => stored.point.pointId)).toEqual([
      'mediation-1KiB-30ms-c10-r1',
      'mediation-1KiB-30ms-c20-r1',
      'mediation-1KiB-30ms-c30-r1',
    ]);
    expect(result.notMeasured).toHaveLength(21);
  });

  it('refuses open-model points for a driver without the open model, before starting anything', async () => {
    const components = fakeComponents();
    let runs = 0;
    components.driver = {
      name: 'closed-only',
      capabilities: { openModel: false, liveProgress: true },
      runPoint: () => Promise.reject(new Error(`runPoint called (${++runs})`)),
    };
    const open = parseScenario('name: open\ntarget: embedded\nsweep:\n  messageSizes: [1KiB]\n  rates: [100, 200]\n', 'open.yaml');
    const dir = await outDir();
    const error = await runPlan(open, planRun(open), { outDir: dir, components }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GatebenchError);
    expect((error as GatebenchError).code).toBe('GB_CONFIG_INVALID');
    expect((error as GatebenchError).message).toMatch(/driver "closed-only" cannot run the open model, but 2 point\(s\) need it/);
    expect(runs).toBe(0);
    expect(components.closed).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failing driver marks the run failed, closes the systems and rejects', async () => {
    const components = fakeComponents();
    components.driver = {
      name: 'broken',
      capabilities: { openModel: false, liveProgress: false },
      runPoint: () => Promise.reject(new GatebenchError('GB_DRIVER_FAILED', 'worker crashed')),
    };
    let dir = '';
    const error = await runPlan(scenario, planRun(scenario), {
      outDir: await outDir(),
      components,
      onEvent: (event) => {
        if (event.type === 'run-start') dir = event.dir;
      },
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as GatebenchError).code).toBe('GB_DRIVER_FAILED');
    expect(components.closed).toEqual(['target', 'backend']);
    expect((await readRun(dir)).manifest.status).toBe('failed');
  });
});
