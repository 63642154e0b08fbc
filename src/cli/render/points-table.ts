import type { StoredPoint } from '../../store/types.js';

const fixed = (value: number, digits: number): string => value.toFixed(digits);

/** The end-of-run table: one row per point, aligned columns, plain text (safe for logs and CI). */
export function formatPointsTable(points: readonly StoredPoint[]): string {
  const header = ['point', 'successful/s', 'mean ms', 'p90 ms', 'p99 ms', 'errors %', 'SLO', 'generator'];
  const rows = points.map(({ point, result, slo }) => [
    point.pointId,
    fixed(result.throughputRps, 1),
    fixed(result.latencyMs.mean, 2),
    fixed(result.latencyMs.p90, 2),
    fixed(result.latencyMs.p99, 2),
    fixed(result.errorPct, 2),
    slo.pass ? 'pass' : 'FAIL',
    result.generator.saturated ? 'SATURATED' : 'ok',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]): string =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** One line for a finished point, as printed when stdout is not a terminal. */
export function formatPointLine(stored: StoredPoint, number: number, total: number): string {
  const { point, result, slo } = stored;
  const parts = [
    `[${number}/${total}] ${point.pointId}`,
    `${fixed(result.throughputRps, 1)} successful/s`,
    `mean ${fixed(result.latencyMs.mean, 2)} ms`,
    `p99 ${fixed(result.latencyMs.p99, 2)} ms`,
    `errors ${fixed(result.errorPct, 2)}%`,
    `SLO ${slo.pass ? 'pass' : `FAIL (${slo.reasons.join('; ')})`}`,
  ];
  if (result.generator.saturated) parts.push(`generator SATURATED (${result.generator.saturationReasons.join('; ')})`);
  return parts.join('  ');
}
