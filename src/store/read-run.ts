import { readFile } from 'node:fs/promises';
import { GatebenchError } from '../errors.js';
import { upgradePointResult, isKnownPointResultVersion } from '../results/upgrade-point-result.js';
import { SCHEMA_VERSIONS } from '../results/versions.js';
import { runFiles } from './layout.js';
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
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(text) as RunManifest;
  } catch (error) {
    throw new GatebenchError('GB_STORE_CORRUPT', `${file}: not valid JSON (${(error as Error).message})`);
  }
  if (manifest.schemaVersion !== 1 || typeof manifest.runId !== 'string') {
    throw new GatebenchError('GB_STORE_CORRUPT', `${file}: not a gatebench manifest (schemaVersion ${String(manifest.schemaVersion)}, expected 1)`);
  }
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
    points.push(parsePointLine(line, `${file}:${index + 1}`));
  });
  const intactBytes = Buffer.byteLength(lines.map((line) => `${line}\n`).join(''));
  if (tail.trim() === '') return { points, intactBytes, missingFinalNewline: false };
  try {
    points.push(parsePointLine(tail, `${file}:${lines.length + 1}`));
    return { points, intactBytes: buffer.length, missingFinalNewline: true };
  } catch {
    const warn = options.onWarning ?? ((message: string) => console.warn(message));
    warn(`${file}:${lines.length + 1}: ignoring a torn last line (${tail.length} bytes); the run was stopped while writing it, and that point will be measured again on --resume`);
    return { points, intactBytes, missingFinalNewline: false, tornLine: lines.length + 1 };
  }
}

function parsePointLine(line: string, where: string): StoredPoint {
  let record: StoredPoint;
  try {
    record = JSON.parse(line) as StoredPoint;
  } catch (error) {
    throw new GatebenchError('GB_STORE_CORRUPT', `${where}: not valid JSON (${(error as Error).message})`, {
      hint: 'only a torn last line is tolerated; restore the file or delete that line',
    });
  }
  const valid =
    record !== null &&
    typeof record === 'object' &&
    record.schemaVersion === 1 &&
    typeof record.point?.pointId === 'string' &&
    typeof record.result === 'object' &&
    record.result !== null;
  if (!valid) throw new GatebenchError('GB_STORE_CORRUPT', `${where}: not a gatebench point record (needs schemaVersion 1, point.pointId and result)`);
  if (!isKnownPointResultVersion(record.result.schemaVersion)) {
    throw new GatebenchError('GB_STORE_CORRUPT', `${where}: point result schemaVersion ${String(record.result.schemaVersion)} is not one this gatebench reads (1 or ${SCHEMA_VERSIONS.pointResult})`, {
      hint: 'it was written by a newer gatebench; read it with that version',
    });
  }
  return { ...record, result: upgradePointResult(record.result) };
}
