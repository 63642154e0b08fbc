import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { GatebenchError } from '../errors.js';
import { inputError, isObject } from './input-error.js';

/**
 * Reads k6's `--out json` file: one JSON object per line, either a metric declaration
 *   {"type":"Metric","data":{"type":"trend","contains":"time",...},"metric":"http_req_duration"}
 * or a sample of a declared metric
 *   {"type":"Point","data":{"time":"2017-05-09T14:34:45.239531499+02:00","value":459.86,"tags":{...}},"metric":"http_req_duration"}
 * (https://grafana.com/docs/k6/latest/results-output/real-time/json/). `.gz` files are read through gunzip,
 * as k6 writes them for `--out json=file.gz`. Every problem names the file and the line.
 */
export interface K6Sample {
  metric: string;
  timeMs: number;
  value: number;
  tags: Record<string, string>;
  line: number;
}

export async function readK6Json(file: string, onSample: (sample: K6Sample) => void): Promise<{ lines: number; samples: number }> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const declared = new Set<string>();
  let lineNumber = 0;
  let samples = 0;
  try {
    for await (const text of lines) {
      lineNumber++;
      if (text.trim() === '') continue;
      const record = parseLine(file, lineNumber, text);
      if (record.type === 'Metric') {
        declared.add(record.metric);
        continue;
      }
      if (!declared.has(record.metric)) {
        throw inputError(file, lineNumber, `sample of unknown metric "${record.metric}": no "Metric" line declares it before its first sample`, 'k6 declares each metric before its first sample; the file may be cut at the start or stitched from several files');
      }
      samples++;
      onSample({ ...record.sample, metric: record.metric, line: lineNumber });
    }
  } catch (error) {
    if (error instanceof GatebenchError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new GatebenchError('GB_INPUT_INVALID', `${file}:${lineNumber + 1}: cannot read k6 JSON output (${reason})`, { cause: error });
  } finally {
    raw.destroy();
  }
  if (samples === 0) throw inputError(file, lineNumber, 'no samples: this is not k6 `--out json` output, or k6 stopped before its first request');
  return { lines: lineNumber, samples };
}

type ParsedLine =
  | { type: 'Metric'; metric: string }
  | { type: 'Point'; metric: string; sample: { timeMs: number; value: number; tags: Record<string, string> } };

function parseLine(file: string, line: number, text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw inputError(file, line, `not valid JSON (${text.length > 60 ? `${text.slice(0, 60)}…` : text}): a truncated or corrupted line`, 'k6 may have been killed while writing; cut the torn last line or re-run the test');
  }
  if (!isObject(value)) throw inputError(file, line, 'expected a JSON object per line (k6 `--out json` format)');
  const { type, metric, data } = value;
  if (typeof metric !== 'string' || metric === '') throw inputError(file, line, 'line has no "metric" name');
  if (type === 'Metric') return { type, metric };
  if (type !== 'Point') throw inputError(file, line, `unknown line type ${JSON.stringify(type)}: k6 JSON output has only "Metric" and "Point" lines`);
  if (!isObject(data)) throw inputError(file, line, `"Point" line for ${metric} has no "data" object`);
  const timeMs = typeof data.time === 'string' ? Date.parse(data.time) : Number.NaN;
  if (!Number.isFinite(timeMs)) throw inputError(file, line, `${metric} sample has no valid "data.time" (${JSON.stringify(data.time)})`);
  if (typeof data.value !== 'number' || !Number.isFinite(data.value)) throw inputError(file, line, `${metric} sample has no numeric "data.value"`);
  return { type, metric, sample: { timeMs, value: data.value, tags: stringTags(data.tags) } };
}

function stringTags(tags: unknown): Record<string, string> {
  if (!isObject(tags)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) if (value !== null && value !== undefined) out[key] = String(value);
  return out;
}
