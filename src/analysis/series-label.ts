import type { Api } from '../scenario/types.js';
import { formatSize } from '../scenario/units.js';

/** `echo 1KiB 30ms`: how the analysis texts and errors name a series (API, message size, backend sleep). */
export function seriesLabel(series: { api: Api; messageSizeBytes: number; backendSleepMs: number }): string {
  return `${series.api} ${formatSize(series.messageSizeBytes)} ${series.backendSleepMs}ms`;
}
