/**
 * File inputs of the analysis commands (the only I/O besides run-files.ts): an `n,throughput` CSV for
 * `gatebench fit usl`, and a traffic mix YAML for `gatebench plan --mix`.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { ConfigError, GatebenchError, type ConfigIssue } from '../errors.js';
import { parseCsvTable, columnIndex, requiredNumber } from '../baselines/csv-table.js';
import { parseDurationMs, parseSizeBytes } from '../scenario/units.js';
import type { Api } from '../scenario/types.js';
import type { MixEntry } from './capacity/types.js';
import type { UslSampleWithRep } from './fit/usl-analysis.js';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new GatebenchError('GB_INPUT_INVALID', `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Rows of `n,throughput` (more columns are ignored); repeated n values count as repetitions. */
export function parseUslCsv(text: string, file: string): UslSampleWithRep[] {
  const table = parseCsvTable(text, file);
  const index = columnIndex(table, 'a USL input CSV', ['n', 'throughput']);
  const seen = new Map<number, number>();
  return table.rows.map((row, i) => {
    const concurrency = requiredNumber(table, row, i + 2, index, 'n');
    const throughputRps = requiredNumber(table, row, i + 2, index, 'throughput');
    if (!(concurrency >= 1) || !(throughputRps > 0)) {
      throw new GatebenchError('GB_INPUT_INVALID', `${file}:${i + 2}: n must be at least 1 and throughput more than 0 (got n=${concurrency}, throughput=${throughputRps})`);
    }
    const repetition = (seen.get(concurrency) ?? 0) + 1;
    seen.set(concurrency, repetition);
    return { concurrency, throughputRps, repetition };
  });
}

export async function readUslCsv(file: string): Promise<UslSampleWithRep[]> {
  return parseUslCsv(await readText(file), file);
}

const MIX_KEYS = new Set(['name', 'api', 'size', 'sleep', 'weight']);

/**
 * A mix file: `mix:` (or a bare list) of `{ name, api: echo|mediation, size: 1KiB, sleep: 30ms, weight: 70 }`.
 * Weights are shares of requests, in any unit (normalized later). Every problem is reported at once.
 */
export function parseMixYaml(text: string, file: string): MixEntry[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `not valid YAML: ${(error as Error).message}` }]);
  }
  const list = Array.isArray(document) ? document : (document as { mix?: unknown } | null)?.mix;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(file, [{ path: 'mix', message: 'expected a non-empty list of { name, api, size, sleep, weight }' }]);
  }
  const issues: ConfigIssue[] = [];
  const entries: MixEntry[] = [];
  list.forEach((item: unknown, i) => {
    const path = `mix[${i}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({ path, message: 'expected a mapping with name, api, size, sleep and weight' });
      return;
    }
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!MIX_KEYS.has(key)) issues.push({ path: `${path}.${key}`, message: `unknown key; allowed: ${[...MIX_KEYS].join(', ')}` });
    const field = <T>(key: string, parse: (value: string | number) => T, required = true): T | undefined => {
      const value = record[key];
      if (value === undefined) {
        if (required) issues.push({ path: `${path}.${key}`, message: 'missing' });
        return undefined;
      }
      try {
        if (typeof value !== 'string' && typeof value !== 'number') throw new RangeError('expected a string or number');
        return parse(value);
      } catch (error) {
        issues.push({ path: `${path}.${key}`, message: (error as Error).message });
        return undefined;
      }
    };
    const api = field('api', (value) => {
      if (value !== 'echo' && value !== 'mediation') throw new RangeError(`"${value}" is not an API; use echo or mediation`);
      return value as Api;
    });
    const messageSizeBytes = field('size', parseSizeBytes);
    const backendSleepMs = field('sleep', parseDurationMs);
    const weight = field('weight', (value) => {
      const number = Number(value);
      if (!(number >= 0)) throw new RangeError(`"${value}" is not a weight; use a number of 0 or more`);
      return number;
    });
    const name = field('name', String, false) ?? `${api ?? '?'}-${i + 1}`;
    if (api !== undefined && messageSizeBytes !== undefined && backendSleepMs !== undefined && weight !== undefined) {
      entries.push({ name, api, messageSizeBytes, backendSleepMs, weight });
    }
  });
  if (issues.length > 0) throw new ConfigError(file, issues);
  return entries;
}

export async function readMixFile(file: string): Promise<MixEntry[]> {
  return parseMixYaml(await readText(file), file);
}
