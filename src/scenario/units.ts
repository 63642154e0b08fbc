/**
 * The only parsers of durations, sizes and rates in gatebench: the scenario schema, the CLI flags and the
 * k6 exporter all use these, so `30s` or `10KiB` means the same thing everywhere.
 * Each returns a number or throws a RangeError whose message says what is allowed.
 */

const DURATION_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `500ms`, `30s`, `2m`, `1h`, `1m30s`, or `0`. A bare number other than 0 is refused: `-d 10` means 10 s to
 * wrk users and 10 ms to others, so gatebench makes the writer say which.
 */
export function parseDurationMs(input: string | number): number {
  if (typeof input === 'number') return input === 0 ? 0 : refuseBare(String(input));
  const text = input.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) === 0 ? 0 : refuseBare(text);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) {
    throw new RangeError(`"${input}" is not a duration; use a number with a unit: 500ms, 30s, 2m, 1h or 1m30s`);
  }
  return parts.reduce((total, part) => total + Number(part[1]) * DURATION_UNITS_MS[part[2]!]!, 0);
}

/** For a flag whose own name carries the unit (`--sleep-ms 30`): a bare number is milliseconds there. */
export function parseMillisecondsFlag(input: string): number {
  const text = input.trim();
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDurationMs(text);
}

function refuseBare(text: string): never {
  throw new RangeError(`${text} has no unit; write ${text}s or ${text}ms`);
}

const SIZE_UNITS_BYTES: Record<string, number> = {
  b: 1,
  kib: 1024,
  k: 1024,
  kb: 1000,
  mib: 1024 ** 2,
  m: 1024 ** 2,
  mb: 1000 ** 2,
};

/** `50B`, `1KiB`, `10KiB`, `100KiB`, `1MiB`, `1K` (= 1024, as WSO2 labels sizes), `1kB` (= 1000), or bytes. */
export function parseSizeBytes(input: string | number): number {
  if (typeof input === 'number') return requireWhole(input, 'size', String(input));
  const match = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(input.trim());
  const unit = match?.[2]?.toLowerCase() ?? '';
  const factor = unit === '' ? 1 : SIZE_UNITS_BYTES[unit];
  if (!match || factor === undefined) {
    throw new RangeError(`"${input}" is not a size; use bytes or a unit: 50B, 1KiB, 10KiB, 100KiB, 1MiB`);
  }
  return requireWhole(Number(match[1]) * factor, 'size', input);
}

/** `500`, `500/s`, `500rps`, `30/m` (per minute): requests per second. */
export function parseRateRps(input: string | number): number {
  if (typeof input === 'number') return requirePositive(input, 'rate', String(input));
  const match = /^(\d+(?:\.\d+)?)\s*(\/s|rps|\/m)?$/.exec(input.trim());
  if (!match) throw new RangeError(`"${input}" is not a rate; use requests per second: 500, 500/s or 500rps (or 30/m)`);
  const perSecond = match[2] === '/m' ? Number(match[1]) / 60 : Number(match[1]);
  return requirePositive(perSecond, 'rate', input);
}

/** `5%`, `0.5 %` or a bare number, as a percentage. */
export function parsePercent(input: string | number): number {
  if (typeof input === 'number') return requireFinite(input, 'percentage', String(input));
  const match = /^(-?\d+(?:\.\d+)?)\s*%?$/.exec(input.trim());
  if (!match) throw new RangeError(`"${input}" is not a percentage; write it like 5% or 0.5%`);
  return Number(match[1]);
}

/**
 * A CPU list as taskset and /proc/<pid>/status (`Cpus_allowed_list`) write it: `1`, `0-3`, `0,2,4-7`.
 * Returns the CPU numbers ascending, without repeats.
 */
export function parseCpuList(input: string): number[] {
  const text = input.trim();
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) {
    throw new RangeError(`"${input}" is not a CPU list; write CPU numbers and ranges as taskset does: "1", "0-3" or "0,2,4-7"`);
  }
  const cpus = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (to < from) throw new RangeError(`"${part}" in "${input}" runs backwards; write the lower CPU first, e.g. ${to}-${from}`);
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** The short form of a CPU list: [0, 1, 2, 5] -> `0-2,5`. */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Short human label for a size: 50B, 1KiB, 100KiB. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024}KiB`;
  return `${bytes}B`;
}

function requireFinite(value: number, what: string, input: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`"${input}" is not a valid ${what}: it must be a finite number, 0 or more`);
  return value;
}

function requirePositive(value: number, what: string, input: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`"${input}" is not a valid ${what}: it must be more than 0`);
  return value;
}

function requireWhole(value: number, what: string, input: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`"${input}" is not a valid ${what}: it must be a whole number of bytes`);
  return value;
}
