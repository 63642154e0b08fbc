import type { Driver } from '../engine/types.js';
import { GatebenchError } from '../errors.js';
import type { PlanPoint } from '../plan/types.js';

/**
 * Refuses, before anything starts, a plan that needs what the driver says it cannot do (Driver.capabilities),
 * so an open-model point is never handed to a closed-model-only driver halfway through a run.
 */
export function checkDriverCapabilities(driver: Driver, points: readonly PlanPoint[]): void {
  const open = points.filter((point) => point.model === 'open');
  if (open.length > 0 && !driver.capabilities.openModel) {
    throw new GatebenchError('GB_CONFIG_INVALID', `driver "${driver.name}" cannot run the open model, but ${open.length} point(s) need it (first: ${open[0]!.pointId})`, {
      hint: 'use sweep.concurrency (closed model) with this driver, or run the rates with the built-in engine',
    });
  }
}
