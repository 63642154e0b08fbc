/** Number formatting shared by the text, Markdown and JUnit renderings of findings. */
import type { ConfidenceInterval } from '../../analysis/types.js';

/** Significant-figure formatting that keeps small parameters (κ ~ 1e-5) readable. */
export function sig(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e6) return Number(value.toPrecision(digits)).toString();
  return value.toExponential(digits - 1);
}

export const rps = (value: number | null | undefined): string => (value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(1));

export const ms = (value: number | null | undefined): string => (value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(1)} ms`);

export const pct = (ratio: number | null | undefined, digits = 1): string => (ratio === null || ratio === undefined || !Number.isFinite(ratio) ? 'n/a' : `${(ratio * 100).toFixed(digits)} %`);

/** `[low, high]`, marked `(unreliable)` when the interval misses its own estimate (see ConfidenceInterval). */
export const interval = (range: ConfidenceInterval | null | undefined, format: (value: number) => string = (value) => sig(value)): string =>
  range === null || range === undefined || !Number.isFinite(range.low)
    ? '[n/a]'
    : `[${format(range.low)}, ${format(range.high)}]${range.unreliable === undefined ? '' : ' (unreliable)'}`;

/** A plain text table with left-aligned columns. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
