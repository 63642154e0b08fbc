import type { Driver, ProgressTick } from '../engine/types.js';
import type { PointResult } from '../results/types.js';
import type { PlanPoint } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import type { EndpointTelemetry, ProcessUsage } from '../store/types.js';
import type { LocalProcess, StartedBackend, StartedTarget } from '../targets/types.js';
import { buildLoadOptions } from './load-options.js';
import { createProcessSampler, type ProcessSampler } from './process-sampler.js';
import type { RunEvent } from './run-events.js';
import { openTelemetryWindow, type TelemetryWindow } from './telemetry/telemetry-window.js';

export interface PointContext {
  scenario: Scenario;
  driver: Driver;
  target: StartedTarget;
  backend: StartedBackend;
  /** Request body for a size, built once per size. */
  body(messageSizeBytes: number): Uint8Array;
  signal: AbortSignal;
  emit(event: RunEvent): void;
  /** Optional: builds the CPU/RSS sampler (tests observe when the window opens); default /proc sampling. */
  createSampler?: (processes: LocalProcess[]) => ProcessSampler;
  /** Optional: the remote telemetry over the window; default scrapes scenario.monitor.prometheus. */
  createTelemetry?: () => TelemetryWindow;
}

export interface MeasuredPoint {
  result: PointResult;
  resources: ProcessUsage[];
  /** Present when the scenario lists monitor.prometheus endpoints. */
  telemetry?: EndpointTelemetry[];
}

/**
 * Measures one point: sets the backend's sleep, runs the driver, and records CPU/RSS of the local processes
 * over the measured window, which opens on the driver's first 'measure' tick and closes on its first 'drain'
 * tick (or when the driver returns). Returns undefined when the signal stopped the point: a shortened point is
 * abandoned, never stored.
 */
export async function measurePoint(point: PlanPoint, context: PointContext): Promise<MeasuredPoint | undefined> {
  const { scenario, target, backend } = context;
  await backend.setSleepMs?.(point.backendSleepMs);
  const headers = point.api === 'direct' ? {} : await target.requestHeaders();
  const options = buildLoadOptions(scenario, point, target, context.body(point.messageSizeBytes), headers, backend.url);
  const processes = [
    // A gateway running inside this process shares its CPU with the load generator: say so in the role.
    ...target.processes().map((usage) => (usage.pid === process.pid ? { ...usage, role: `${usage.role}+generator` } : usage)),
    ...backend.processes(),
    ...scenario.monitorPids.map((pid) => ({ role: 'monitored', pid })),
  ];
  const sampler = (context.createSampler ?? createProcessSampler)(processes);
  const telemetry = context.createTelemetry?.() ?? openTelemetryWindow(scenario.monitorPrometheus);
  let windowState: 'before' | 'open' | 'closed' = 'before';
  const openWindow = (): void => {
    if (windowState !== 'before') return;
    windowState = 'open';
    sampler.begin();
    telemetry.begin();
  };
  let resources: ProcessUsage[] = [];
  const closeWindow = (): void => {
    if (windowState !== 'open') return;
    windowState = 'closed';
    resources = sampler.end();
    telemetry.end();
  };
  // Fallback for a driver that sends no ticks: time the window from our side (it then opens late by the
  // driver's start-up). The first tick shows the driver reports its phases, and its phase ticks take over.
  const fallbackTimers = [
    setTimeout(openWindow, scenario.timing.warmupMs),
    setTimeout(closeWindow, scenario.timing.warmupMs + scenario.timing.durationMs),
  ];
  const onTick = (tick: ProgressTick): void => {
    for (const timer of fallbackTimers) clearTimeout(timer);
    if (tick.phase === 'measure') openWindow();
    else if (tick.phase === 'drain') closeWindow();
  };
  try {
    // A driver without live progress gets no callback: the window is then timed from our side (above).
    const onProgress = context.driver.capabilities.liveProgress
      ? (tick: ProgressTick): void => {
          onTick(tick);
          context.emit({ type: 'point-progress', point, tick });
        }
      : undefined;
    const result = await context.driver.runPoint(options, context.signal, onProgress);
    closeWindow();
    if (context.signal.aborted || result.interrupted === true) return undefined;
    if (scenario.monitorPrometheus.length === 0) return { result, resources };
    const remote = await telemetry.result();
    // The gateway's own processes, when gatebench sees them, are a closer figure than its host's total: the
    // host figure is kept in telemetry but not added to the per-point resources, so nothing is counted twice.
    const localGateway = target.processes().length > 0;
    const remoteResources = remote.resources.filter((usage) => !(localGateway && usage.role.startsWith('gateway-')));
    return { result, resources: [...resources, ...remoteResources], telemetry: remote.telemetry };
  } catch (error) {
    if (context.signal.aborted) return undefined;
    throw error;
  } finally {
    for (const timer of fallbackTimers) clearTimeout(timer);
    closeWindow();
  }
}
