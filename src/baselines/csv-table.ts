/** A CSV file as a header plus rows of strings, with cell access by column name (csv-parse does the parsing). */
import { parse } from 'csv-parse/sync';
import { GatebenchError } from '../errors.js';

export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
}

export function parseCsvTable(text: string, file: string): CsvTable {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as string[][];
  } catch (error) {
    throw new GatebenchError('GB_INPUT_INVALID', `${file}: not a readable CSV file (${(error as Error).message})`);
  }
  if (records.length === 0) throw new GatebenchError('GB_INPUT_INVALID', `${file}: empty CSV file; expected a header row`);
  const [header, ...rows] = records;
  return { file, header: header!, rows };
}

/** Column lookup that fails with the file, the missing column names and what the layout expects. */
export function columnIndex(table: CsvTable, layoutName: string, required: readonly string[], optional: readonly string[] = []): Map<string, number> {
  const index = new Map<string, number>();
  table.header.forEach((name, i) => index.set(name, i));
  const missing = required.filter((name) => !index.has(name));
  if (missing.length > 0) {
    throw new GatebenchError(
      'GB_INPUT_INVALID',
      `${table.file}: looks like ${layoutName} but lacks column${missing.length === 1 ? '' : 's'} ${missing.map((name) => `"${name}"`).join(', ')}`,
      { hint: `${layoutName} needs: ${required.join(', ')}${optional.length ? ` (optional: ${optional.join(', ')})` : ''}` },
    );
  }
  return index;
}

/** Number from a cell: empty means "no value" (null); anything else must be a number. */
export function numberCell(table: CsvTable, row: string[], rowNumber: number, index: Map<string, number>, column: string): number | null {
  const at = index.get(column);
  if (at === undefined) return null;
  const text = (row[at] ?? '').trim();
  if (text === '' || text === 'N/A') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new GatebenchError('GB_INPUT_INVALID', `${table.file}:${rowNumber}: column "${column}" holds "${text}", which is not a number`);
  }
  return value;
}

export function requiredNumber(table: CsvTable, row: string[], rowNumber: number, index: Map<string, number>, column: string): number {
  const value = numberCell(table, row, rowNumber, index, column);
  if (value === null) throw new GatebenchError('GB_INPUT_INVALID', `${table.file}:${rowNumber}: column "${column}" is empty; it needs a number`);
  return value;
}

export function textCell(row: string[], index: Map<string, number>, column: string): string {
  const at = index.get(column);
  return at === undefined ? '' : (row[at] ?? '').trim();
}
