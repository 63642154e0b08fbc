import type { z } from 'zod';
import { GatebenchError } from '../errors.js';

/** Where a record was read from: the file, and the line for line-per-record files (points.jsonl). */
export interface RecordSource {
  file: string;
  line?: number;
}

/**
 * Checks one record read from a stored file against its schema. A mismatch fails at the door with
 * GB_STORE_CORRUPT naming the file, the line and the field (`points.jsonl:3: result.latencyMs.p99: expected
 * number, received string`), instead of deep inside analysis.
 */
export function checkRecord<Schema extends z.ZodType>(schema: Schema, value: unknown, source: RecordSource, what: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = source.line === undefined ? source.file : `${source.file}:${source.line}`;
  const problems = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(the record)'}: ${issue.message}`);
  const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
  const versionIssue = parsed.error.issues.find((issue) => issue.path.at(-1) === 'schemaVersion');
  throw new GatebenchError('GB_STORE_CORRUPT', `${where}: not a valid ${what}: ${problems.join('; ')}${more}`, {
    hint: versionIssue
      ? 'the file was written by another gatebench version (schemaVersion differs); read it with that version, or re-run'
      : 'the file was changed or written by something else; restore it from the run, or re-run the points',
  });
}
