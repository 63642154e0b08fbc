import { formatSize } from '../../scenario/units.js';
import type { TrustGrade } from '../../analysis/trust/trust-grade.js';
import type { Cell, CellTone } from '../types.js';

/** Number formatting shared by every section, so a figure reads the same in HTML, Markdown and tables. */

export function formatRps(rps: number): string {
  return `${Math.round(rps).toLocaleString('en-US')} req/s`;
}

export function formatMs(ms: number): string {
  if (ms >= 100) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatPct(pct: number, digits = 1): string {
  return `${pct.toFixed(digits)} %`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(gib >= 10 ? 0 : 1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

export function seriesName(series: { api: string; messageSizeBytes: number; backendSleepMs: number }): string {
  return `${series.api} ${formatSize(series.messageSizeBytes)}, sleep ${series.backendSleepMs} ms`;
}

export function text(value: string, tone?: CellTone): Cell {
  return tone === undefined ? { text: value } : { text: value, tone };
}

export function num(value: number, formatted: string, tone?: CellTone): Cell {
  return tone === undefined ? { text: formatted, sortValue: value } : { text: formatted, sortValue: value, tone };
}

/** A message size cell, sorting by bytes. */
export function sizeCell(bytes: number): Cell {
  return num(bytes, formatSize(bytes));
}

/** A backend sleep cell, sorting by milliseconds. */
export function sleepCell(ms: number): Cell {
  return num(ms, `${ms} ms`);
}

/** A missing figure: an em dash that sorts last. */
export function none(reason = '—'): Cell {
  return { text: reason, tone: 'muted' };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Badges agree with the headline's grade: green means "trust this" only on a publishable report. On an
 * indicative or smoke-test report a pass is shown without colour; failures and warnings keep theirs.
 */
export function gradedTone(tone: CellTone | undefined, grade: TrustGrade): CellTone | undefined {
  return tone === 'pass' && grade !== 'publishable' ? 'muted' : tone;
}
