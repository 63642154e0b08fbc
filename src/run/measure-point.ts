import type { Driver, PointResult } from '../engine/types.js';
import type { PlanPoint } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import type { ProcessUsage } from '../store/types.js';
import type { StartedBackend, StartedTarget } from '../targets/types.js';
import { buildLoadOptions } from './load-options.js';
import { createProcessSampler } from './process-sampler.js';
import type { RunEvent } from './run-events.js';

export interface PointContext {
  scenario: Scenario;
  driver: Driver;
  target: StartedTarget;
  backend: StartedBackend;
  /** Request body for a size, built once per size. */
  body(messageSizeBytes: number): Uint8Array;
  signal: AbortSignal;
  emit(event: RunEvent): void;
}

/**
 * Measures one point: sets the backend's sleep, runs the driver, and records CPU/RSS of the local processes
 * over the measured window (which opens `warmupMs` after the driver starts). Returns undefined when the
 * signal stopped the point: a shortened point is abandoned, never stored.
 */
export async function measurePoint(point: PlanPoint, context: PointContext): Promise<{ result: PointResult; resources: ProcessUsage[] } | undefined> {
  const { scenario, target, backend } = context;
  await backend.setSleepMs?.(point.backendSleepMs);
  const headers = await target.requestHeaders();
  const options = buildLoadOptions(scenario, point, target, context.body(point.messageSizeBytes), headers);
  const processes = [
    // A gateway running inside this process shares its CPU with the load generator: say so in the role.
    ...target.processes().map((usage) => (usage.pid === process.pid ? { ...usage, role: `${usage.role}+generator` } : usage)),
    ...backend.processes(),
    ...scenario.monitorPids.map((pid) => ({ role: 'monitored', pid })),
  ];
  const sampler = createProcessSampler(processes);
  let windowState: 'before' | 'open' | 'closed' = 'before';
  const openWindow = (): void => {
    if (windowState !== 'before') return;
    windowState = 'open';
    sampler.begin();
  };
  let resources: ProcessUsage[] = [];
  const closeWindow = (): void => {
    if (windowState !== 'open') return;
    windowState = 'closed';
    resources = sampler.end();
  };
  // The window is timed from our side: the driver's warm-up and measured phases follow its start.
  const openTimer = setTimeout(openWindow, scenario.timing.warmupMs);
  const closeTimer = setTimeout(closeWindow, scenario.timing.warmupMs + scenario.timing.durationMs);
  try {
    const result = await context.driver.runPoint(options, context.signal, (tick) => {
      context.emit({ type: 'point-progress', point, tick });
    });
    closeWindow();
    if (context.signal.aborted || result.interrupted === true) return undefined;
    return { result, resources };
  } catch (error) {
    if (context.signal.aborted) return undefined;
    throw error;
  } finally {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    closeWindow();
  }
}
