/** The bench's table: each figure a ratio measured in one run, printed beside its goal (issue 12's table). */

export interface Figure {
  /** What is compared, in words. */
  name: string;
  /** The measured value, formatted. */
  value: string;
  goal: string;
  /** Undefined when the figure could not be measured (a missing tool). */
  met: boolean | undefined;
  /** What limits it, or why it is missing. */
  note?: string;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

export function missing(name: string, goal: string, why: string): Figure {
  return { name, value: 'not measured', goal, met: undefined, note: why };
}

/** A plain-text table (Markdown-compatible) of every figure. */
export function printFigures(figures: Figure[]): void {
  const rows = figures.map((figure) => [figure.name, figure.value, figure.goal, figure.met === undefined ? '—' : figure.met ? 'met' : 'MISSED', figure.note ?? '']);
  const header = ['figure', 'measured', 'goal', '', 'note'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
