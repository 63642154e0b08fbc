/** Runs wrk 4 and reads its text output, for the benches' peer figures. */
import { parseDurationMs } from '../src/scenario/units.js';
import { run, show } from './tools.js';

export interface WrkResult {
  requestsPerSec: number;
  /** Mean latency in ms from the Thread Stats line; undefined when wrk printed none. */
  meanLatencyMs: number | undefined;
  /** Latency percentiles in ms (only with --latency). */
  percentilesMs: Record<string, number>;
  socketErrors: string;
  non2xx: number;
  /** Requests completed, from the "N requests in Ts" line. */
  requests: number;
  /** wrk's own CPU time (user + system) in seconds, from the shell's `times`. */
  cpuS: number | undefined;
}

/** Parses wrk 4's text output. Throws with the output when there is no Requests/sec line. */
export function parseWrk(output: string): Omit<WrkResult, 'cpuS'> {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (rps === null) throw new Error(`wrk printed no Requests/sec line:\n${output}`);
  // wrk's latency figures (32.10ms, 480.00us, 1.25s) are durations as gatebench writes them.
  const mean = /Latency\s+([\d.]+(?:us|ms|s|m|h))\s/.exec(output);
  const percentilesMs: Record<string, number> = {};
  for (const match of output.matchAll(/^\s+(\d+(?:\.\d+)?)%\s+([\d.]+(?:us|ms|s|m|h))\s*$/gm)) {
    percentilesMs[match[1]!] = parseDurationMs(match[2]!);
  }
  return {
    requestsPerSec: Number(rps[1]),
    meanLatencyMs: mean === null ? undefined : parseDurationMs(mean[1]!),
    percentilesMs,
    socketErrors: /Socket errors:\s*(.*)/.exec(output)?.[1]?.trim() ?? 'none',
    non2xx: Number(/Non-2xx or 3xx responses:\s*(\d+)/.exec(output)?.[1] ?? 0),
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? 0),
  };
}

/** The children's line of bash's `times` ("0m1.234s 0m0.567s"): user + system seconds. */
export function parseChildTimes(stderr: string): number | undefined {
  const lines = stderr.trim().split('\n').filter((line) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(line.trim()));
  const last = lines[lines.length - 1];
  if (last === undefined) return undefined;
  return last
    .trim()
    .split(' ')
    .reduce((sum, part) => {
      const match = /^(\d+)m([\d.]+)s$/.exec(part)!;
      return sum + Number(match[1]) * 60 + Number(match[2]);
    }, 0);
}

/** Runs wrk (under bash, so its CPU time is known), printing its command and a one-line summary; throws when wrk fails. */
export async function runWrk(wrkPath: string, args: string[]): Promise<WrkResult> {
  show('wrk', args);
  const result = await run('bash', ['-c', '"$0" "$@"; code=$?; times >&2; exit $code', wrkPath, ...args]);
  if (result.code !== 0) throw new Error(`wrk failed (exit ${result.code}): ${result.stderr || result.stdout}`);
  const parsed = { ...parseWrk(result.stdout), cpuS: parseChildTimes(result.stderr) };
  console.log(
    `    ${parsed.requestsPerSec.toFixed(0)} req/s, mean ${parsed.meanLatencyMs?.toFixed(2) ?? '?'} ms, p99 ${parsed.percentilesMs['99']?.toFixed(2) ?? '?'} ms; ` +
      `socket errors: ${parsed.socketErrors}; non-2xx: ${parsed.non2xx}; CPU ${parsed.cpuS?.toFixed(2) ?? '?'} s`,
  );
  if (parsed.non2xx > 0) console.log(`    WARNING: ${parsed.non2xx} non-2xx responses: this req/s is not a valid figure`);
  return parsed;
}
