import { readFile } from 'node:fs/promises';
import { GatebenchError } from '../errors.js';
import { checkRecord } from '../results/check-record.js';
import { upgradePointResult, isKnownPointResultVersion } from '../results/upgrade-point-result.js';
import { runFiles } from './layout.js';
import { runManifestSchema, storedPointSchema } from './schema.js';
import type { RunManifest, StoredPoint, StoredRun } from './types.js';

export interface ReadRunOptions {
  /** Told about a torn last line (the run was killed while writing it); console.warn by default. */
  onWarning?: (message: string) => void;
}

/** What was read from points.jsonl, and where the intact part ends (for --resume to truncate a torn tail). */
export interface PointsFile {
  points: StoredPoint[];
  /** Byte length of the intact lines, including their newlines. */
  intactBytes: number;
  /** The last point is intact but its newline is missing. */
  missingFinalNewline: boolean;
  tornLine?: number;
}

/** Reads a run folder. Throws GB_STORE_CORRUPT naming the file and line of a bad record. */
export async function readRun(dir: string, options: ReadRunOptions = {}): Promise<StoredRun> {
  const manifest = await readManifest(dir);
  const parsed = await readPointsFile(dir, options);
  return { dir, manifest, points: parsed.points };
}

export async function readManifest(dir: string): Promise<RunManifest> {
  const file = runFiles(dir).manifest;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new GatebenchError('GB_STORE_CORRUPT', `${dir} is not a gatebench run folder: ${file} cannot be read`, {
      hint: 'pass the folder that `gatebench run` printed, e.g. results/20261126-142501-quick',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatebenchError('GB_STORE_CORRUPT', `${file}: not valid JSON (${(error as Error).message})`);
  }
  // The schema checks the envelope; the scenario inside was checked by the scenario schema when the run began.
  const manifest = checkRecord(runManifestSchema, value, { file }, 'gatebench manifest') as unknown as RunManifest;
  return manifest;
}

export async function readPointsFile(dir: string, options: ReadRunOptions = {}): Promise<PointsFile> {
  const file = runFiles(dir).points;
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { points: [], intactBytes: 0, missingFinalNewline: false };
    throw error;
  }
  const text = buffer.toString('utf8');
  const lines = text.split('\n');
  // After the last newline: '' when the file ends cleanly, otherwise a line whose newline never got written.
  const tail = lines.pop() ?? '';
  const points: StoredPoint[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    points.push(parsePointLine(line, file, index + 1));
  });
  const intactBytes = Buffer.byteLength(lines.map((line) => `${line}\n`).join(''));
  if (tail.trim() === '') return { points, intactBytes, missingFinalNewline: false };
  try {
    points.push(parsePointLine(tail, file, lines.length + 1));
    return { points, intactBytes: buffer.length, missingFinalNewline: true };
  } catch {
    const warn = options.onWarning ?? ((message: string) => console.warn(message));
    warn(`${file}:${lines.length + 1}: ignoring a torn last line (${tail.length} bytes); the run was stopped while writing it, and that point will be measured again on --resume`);
    return { points, intactBytes, missingFinalNewline: false, tornLine: lines.length + 1 };
  }
}

function parsePointLine(line: string, file: string, lineNumber: number): StoredPoint {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new GatebenchError('GB_STORE_CORRUPT', `${file}:${lineNumber}: not valid JSON (${(error as Error).message})`, {
      hint: 'only a torn last line is tolerated; restore the file or delete that line',
    });
  }
  return checkRecord(storedPointSchema, withCurrentResult(record), { file, line: lineNumber }, 'gatebench point record');
}

/** A record whose result is of an older known version gets that result upgraded before the schema check. */
function withCurrentResult(record: unknown): unknown {
  if (record === null || typeof record !== 'object') return record;
  const result = (record as { result?: unknown }).result;
  if (result === null || typeof result !== 'object') return record;
  const version = (result as { schemaVersion?: unknown }).schemaVersion;
  if (!isKnownPointResultVersion(version)) return record;
  return { ...record, result: upgradePointResult(result as Parameters<typeof upgradePointResult>[0]) };
}
