import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeRun } from '../../src/analysis/index.js';
import { runLoad } from '../../src/engine/index.js';
import { planRun } from '../../src/plan/plan.js';
import { runPlan } from '../../src/run/run-plan.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { readRun } from '../../src/store/read-run.js';
import { testLoadOptions } from './load-options.js';
import { startTestServer, type TestServer } from './servers.js';
import { assessGenerator, CPU_SATURATION_PCT_PER_WORKER, EVENT_LOOP_DELAY_LIMIT_MS, LATE_SEND_LIMIT } from '../../src/engine/builtin/generator-health.js';

const open = (sent: number, droppedSends = 0) => ({ targetRps: 1000, sent, lateSends: 0, droppedSends, maxInFlight: 64 });
const healthy = { workers: 2, cpuPct: 100, eventLoopDelayP99Ms: 5, open: undefined, laggingSends: 0 };

describe('generator health (assessGenerator)', () => {
  it.each([
    { case: 'healthy closed model', input: healthy, reasons: [] },
    { case: 'CPU just under 90 % per worker', input: { ...healthy, cpuPct: 179.8 }, reasons: [] },
    { case: 'CPU at 90 % per worker', input: { ...healthy, cpuPct: 180 }, reasons: ['CPU 180% for 2 workers (90% each, near a full core): add --workers or cores'] },
    { case: 'one worker at a full core', input: { ...healthy, workers: 1, cpuPct: 99 }, reasons: ['CPU 99% for 1 worker (99% each, near a full core): add --workers or cores'] },
    { case: 'event-loop delay at the limit', input: { ...healthy, eventLoopDelayP99Ms: 50 }, reasons: [] },
    { case: 'event-loop delay over the limit', input: { ...healthy, eventLoopDelayP99Ms: 50.5 }, reasons: ['event-loop delay p99 50.5 ms in a worker (limit 50 ms): the generator\'s timing is late'] },
    { case: 'open model, 1 % of sends late', input: { ...healthy, open: open(1000), laggingSends: 10 }, reasons: [] },
    { case: 'open model, over 1 % of sends late', input: { ...healthy, open: open(1000), laggingSends: 11 }, reasons: ['11 of 1000 open-model sends went out late with a connection free: the generator fell behind the rate'] },
    { case: 'open model, sends dropped at the cap', input: { ...healthy, open: open(1000, 3) }, reasons: ['3 open-model sends dropped at the in-flight cap (64): the target fell behind the rate, or raise the cap'] },
    { case: 'open model, nothing sent, no schedule known', input: { ...healthy, open: open(0), laggingSends: 0 }, reasons: [] },
    { case: 'open model, 1 % of the schedule never sent', input: { ...healthy, open: open(990), scheduledSends: 1000 }, reasons: [] },
    { case: 'open model, a send short at each edge per worker', input: { ...healthy, open: open(96), scheduledSends: 100 }, reasons: [] },
    { case: 'open model, over 1 % of the schedule never sent', input: { ...healthy, open: open(989), scheduledSends: 1000 }, reasons: ['11 of 1000 scheduled open-model sends never went out: the generator fell behind the rate'] },
    { case: 'open model, a starved generator that sent nothing', input: { ...healthy, workers: 1, cpuPct: 7, open: open(0), scheduledSends: 20000 }, reasons: ['20000 of 20000 scheduled open-model sends never went out: the generator fell behind the rate'] },
    { case: 'open model, drops count as sends out of the generator', input: { ...healthy, open: open(900, 100), scheduledSends: 1000 }, reasons: ['100 open-model sends dropped at the in-flight cap (64): the target fell behind the rate, or raise the cap'] },
    {
      case: 'everything at once, in order',
      input: { workers: 1, cpuPct: 100, eventLoopDelayP99Ms: 80, open: open(100, 1), laggingSends: 50 },
      reasons: [
        'CPU 100% for 1 worker (100% each, near a full core): add --workers or cores',
        'event-loop delay p99 80.0 ms in a worker (limit 50 ms): the generator\'s timing is late',
        '50 of 100 open-model sends went out late with a connection free: the generator fell behind the rate',
        '1 open-model sends dropped at the in-flight cap (64): the target fell behind the rate, or raise the cap',
      ],
    },
  ])('$case', ({ input, reasons }) => {
    expect(assessGenerator(input)).toEqual(reasons);
  });

  it('uses the documented limits', () => {
    expect([CPU_SATURATION_PCT_PER_WORKER, EVENT_LOOP_DELAY_LIMIT_MS, LATE_SEND_LIMIT]).toEqual([90, 50, 0.01]);
  });
});

describe('generator health in real runs', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("holds Little's law in a closed-model run against a server that answers in a fixed 20 ms", async () => {
    server = await startTestServer((_request, response) => setTimeout(() => response.end('ok'), 20));
    const result = await runLoad(testLoadOptions(server.url, { model: { kind: 'closed', users: 4, rampUpMs: 0, thinkTimeMs: 0 }, warmupMs: 300, durationMs: 2000, workers: 1 }));
    expect(result.errors).toBe(0);
    expect(result.littlesLaw.offeredConcurrency).toBe(4);
    expect(result.littlesLaw.ratio).toBeGreaterThanOrEqual(0.9);
    expect(result.littlesLaw.ratio).toBeLessThanOrEqual(1.1);
    expect(result.littlesLaw.ok).toBe(true);
  });

  it('flags an overdriven generator (1 worker, a rate it cannot send) as saturated and leaves the point out of fits', async () => {
    server = await startTestServer((_request, response) => response.end('ok'));
    const scenario = parseScenario(
      [
        'name: starved-generator',
        `target: { kind: external, baseUrl: "${server.url}" }`,
        'backend: own',
        'generator: { workers: 1 }',
        'sweep:',
        '  messageSizes: [50B]',
        '  rates: [20000]',
        '  maxInFlight: 256',
        'timing: { warmup: 200ms, duration: 1s, pause: 0s, timeout: 2s }',
      ].join('\n'),
      'starved.yaml',
    );
    const outDir = await mkdtemp(join(tmpdir(), 'gatebench-starved-'));
    const finished = await runPlan(scenario, planRun(scenario), { outDir });
    const run = await readRun(finished.dir);
    const [stored] = run.points;
    expect(stored!.result.generator.workers).toBe(1);
    expect(stored!.result.generator.saturated).toBe(true);
    // A limit is named. Which one binds first depends on the host: the worker's CPU or late sends, or, when the
    // in-process server falls behind on a crowded 2-core machine, sends dropped at the in-flight cap.
    expect(stored!.result.generator.saturationReasons.join('; ')).toMatch(/near a full core|went out late with a connection free|event-loop delay|never went out|dropped at the in-flight cap/);
    const analysis = analyzeRun(run, { resamples: 50 });
    expect(analysis.excluded).toEqual([expect.objectContaining({ pointId: stored!.point.pointId, kinds: expect.arrayContaining(['generator-saturated']) })]);
    expect(analysis.points.find((point) => point.pointId === stored!.point.pointId)?.excluded).toBe(true);
  });
});
