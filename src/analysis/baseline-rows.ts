/** Which published baseline rows count and how they group: one rule for the comparison and the capacity plan. */
import type { BaselinePoint } from './types.js';

/** A row with a throughput and an error rate within the limit (or none stated): fast failures are not capacity. */
export function isUsableRow(row: BaselinePoint, maxErrorPct: number): boolean {
  return row.throughputRps !== null && (row.errorPct === null || row.errorPct <= maxErrorPct);
}

/** Rows of one machine and product version belong together (one peak, one knee, one plan). */
export function originKey(row: BaselinePoint): string {
  return `${row.version ?? ''}|${row.machine.description}`;
}

/** Same API, message size and backend sleep. */
export function sameCoordinates(ours: { api: string; messageSizeBytes: number; backendSleepMs: number }, row: BaselinePoint): boolean {
  return row.api === ours.api && row.messageSizeBytes === ours.messageSizeBytes && row.sleepMs === ours.backendSleepMs;
}
