import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Driver, LoadOptions, ProgressTick } from '../../src/engine/types.js';
import type { PointResult } from '../../src/results/types.js';
import { planRun } from '../../src/plan/plan.js';
import { measurePoint, type PointContext } from '../../src/run/measure-point.js';
import type { ProcessSampler } from '../../src/run/process-sampler.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { fakeComponents } from '../fakes/fake-components.js';
import { fakePointResult } from '../fakes/fake-driver.js';

type Step = { tick: ProgressTick['phase'] } | { waitMs: number };

/** A driver that sends nothing: it plays its steps (phase ticks and pauses) into the log, then returns. */
function scriptedDriver(steps: Step[], log: string[]): Driver {
  return {
    name: 'scripted',
    capabilities: { openModel: false, liveProgress: true },
    async runPoint(_options: LoadOptions, _signal: AbortSignal, onProgress?: (tick: ProgressTick) => void): Promise<PointResult> {
      for (const step of steps) {
        if ('waitMs' in step) await sleep(step.waitMs);
        else onProgress?.({ phase: step.tick, elapsedMs: 0, requests: 0, errors: 0, currentRps: 0, currentP99Ms: 0 });
      }
      log.push('returned');
      return fakePointResult({ latenciesMs: [1, 2, 3] });
    },
  };
}

function loggingSampler(log: string[]): ProcessSampler {
  return {
    begin: () => void log.push('begin'),
    end: () => {
      log.push('end');
      return [{ role: 'backend', pid: process.pid, cpuPct: 1, rssBytesMean: 1, rssBytesMax: 1 }];
    },
  };
}

async function measure(timing: string, driver: Driver, log: string[]): Promise<Awaited<ReturnType<typeof measurePoint>>> {
  const scenario = parseScenario(`name: mp\ntarget: embedded\nsweep:\n  messageSizes: [50B]\n  backendSleeps: [0]\n  concurrency: [1]\n  mediation: [off]\ntiming:\n  ${timing}\n`, 'mp.yaml');
  const components = fakeComponents();
  const backend = await components.startBackend(scenario.backend);
  const target = await components.startTarget(scenario.target, backend);
  const context: PointContext = {
    scenario,
    driver,
    target,
    backend,
    body: (bytes) => new Uint8Array(bytes),
    signal: new AbortController().signal,
    emit: (event) => {
      if (event.type === 'point-progress') log.push(`tick:${event.tick.phase}`);
    },
    createSampler: () => loggingSampler(log),
  };
  return measurePoint(planRun(scenario).points[0]!, context);
}

describe('measurePoint resource window', () => {
  it("opens on the driver's 'measure' tick and closes on its 'drain' tick, not on the scenario's timing", async () => {
    const log: string[] = [];
    // The scenario's warm-up is far longer than the driver takes: timers alone would never open the window.
    const driver = scriptedDriver([{ tick: 'warmup' }, { waitMs: 30 }, { tick: 'measure' }, { waitMs: 30 }, { tick: 'measure' }, { tick: 'drain' }, { waitMs: 20 }], log);
    const measured = await measure('warmup: 30s\n  duration: 30s', driver, log);
    expect(log).toEqual(['tick:warmup', 'begin', 'tick:measure', 'tick:measure', 'end', 'tick:drain', 'returned']);
    expect(measured?.resources.map((usage) => usage.role)).toEqual(['backend']);
  });

  it('closes the window when the driver returns without a drain tick', async () => {
    const log: string[] = [];
    const driver = scriptedDriver([{ tick: 'warmup' }, { waitMs: 20 }, { tick: 'measure' }, { waitMs: 20 }], log);
    await measure('warmup: 30s\n  duration: 30s', driver, log);
    expect(log).toEqual(['tick:warmup', 'begin', 'tick:measure', 'returned', 'end']);
  });

  it('gives a driver without live progress no progress callback (Driver.capabilities.liveProgress)', async () => {
    const log: string[] = [];
    const quiet: Driver = {
      name: 'quiet',
      capabilities: { openModel: false, liveProgress: false },
      async runPoint(_options: LoadOptions, _signal: AbortSignal, onProgress?: (tick: ProgressTick) => void): Promise<PointResult> {
        log.push(onProgress === undefined ? 'no callback' : 'callback');
        return fakePointResult({ latenciesMs: [1, 2, 3] });
      },
    };
    const measured = await measure('warmup: 0s\n  duration: 30s', quiet, log);
    expect(log[0]).toBe('no callback');
    expect(measured?.result.requests).toBe(3);
  });

  it('falls back to timing the window itself for a driver that sends no ticks', async () => {
    const log: string[] = [];
    const driver = scriptedDriver([{ waitMs: 150 }], log);
    await measure('warmup: 0s\n  duration: 30s', driver, log);
    expect(log).toEqual(['begin', 'returned', 'end']);
  });
});
