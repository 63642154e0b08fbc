import { GatebenchError } from '../errors.js';
import { parseDurationMs, parseRateRps, parseSizeBytes } from '../scenario/units.js';
import type { PlanPoint } from './types.js';

/**
 * `--only`: which points of a plan to run.
 *
 *   api=echo,size=1KiB            every key must match; keys: api, mediation, size, sleep, c (users), rate, rep, series
 *   size=1KiB|10KiB,c=10          `|` separates alternatives for one key
 *   echo-1KiB-*                   no `=`: globs on the pointId (`*` any text, `?` one character), `,` between globs
 */
export type PointFilter = (point: PlanPoint) => boolean;

type KeyMatcher = (point: PlanPoint, value: string) => boolean;

const KEYS: Record<string, KeyMatcher> = {
  api: (point, value) => (value === 'echo' || value === 'mediation' || value === 'direct' ? point.api === value : invalid('api', value, 'echo, mediation or direct')),
  mediation: (point, value) => (value === 'on' ? point.api === 'mediation' : value === 'off' ? point.api === 'echo' : invalid('mediation', value, 'on or off')),
  size: (point, value) => point.messageSizeBytes === parseWith(parseSizeBytes, 'size', value),
  sleep: (point, value) => point.backendSleepMs === parseWith(parseDurationMs, 'sleep', value),
  c: (point, value) => point.concurrency === wholeNumber('c', value),
  rate: (point, value) => point.rateRps === parseWith(parseRateRps, 'rate', value),
  rep: (point, value) => point.repetition === wholeNumber('rep', value),
  series: (point, value) => globToRegExp(value).test(point.seriesKey),
};
const ALIASES: Record<string, string> = { concurrency: 'c', users: 'c', repetition: 'rep' };

export function parsePointFilter(text: string): PointFilter {
  const trimmed = text.trim();
  if (trimmed === '') throw badFilter(text, 'it is empty');
  if (!trimmed.includes('=')) {
    const globs = trimmed.split(',').map((glob) => globToRegExp(glob.trim()));
    return (point) => globs.some((glob) => glob.test(point.pointId));
  }
  const clauses = trimmed.split(',').map((clause) => {
    const [rawKey, ...rest] = clause.split('=');
    const key = (rawKey ?? '').trim();
    const canonical = ALIASES[key] ?? key;
    const matcher = KEYS[canonical];
    if (matcher === undefined || rest.length !== 1) {
      throw badFilter(text, `"${clause}" is not key=value with a key among ${Object.keys(KEYS).join(', ')}`);
    }
    const values = rest[0]!.split('|').map((value) => value.trim());
    // Run each value once against a sample point so a bad unit fails now, not silently never matching.
    const probe = { pointId: '', seriesKey: '' } as PlanPoint;
    values.forEach((value) => matcher(probe, value));
    return (point: PlanPoint) => values.some((value) => matcher(point, value));
  });
  return (point) => clauses.every((clause) => clause(point));
}

/** Applies a filter and refuses one that matches nothing (almost always a typo). */
export function selectPoints(points: PlanPoint[], filterText: string | undefined): PlanPoint[] {
  if (filterText === undefined) return points;
  const selected = points.filter(parsePointFilter(filterText));
  if (selected.length === 0) {
    const examples = points.slice(0, 3).map((point) => point.pointId).join(', ');
    throw badFilter(filterText, `it matches none of the ${points.length} points (they look like ${examples})`);
  }
  return selected;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${escaped}$`);
}

function parseWith(parse: (input: string) => number, key: string, value: string): number {
  try {
    return parse(value);
  } catch (error) {
    throw badFilter(`${key}=${value}`, (error as Error).message);
  }
}

function wholeNumber(key: string, value: string): number {
  if (!/^\d+$/.test(value)) return invalid(key, value, 'a whole number');
  return Number(value);
}

function invalid(key: string, value: string, allowed: string): never {
  throw badFilter(`${key}=${value}`, `use ${allowed}`);
}

function badFilter(text: string, why: string): GatebenchError {
  return new GatebenchError('GB_INPUT_INVALID', `--only "${text}": ${why}`, {
    hint: 'examples: --only api=echo,size=1KiB   --only "c=10|50"   --only "echo-1KiB-*"',
  });
}
