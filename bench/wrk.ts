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
}

/** Parses wrk 4's text output. Throws with the output when there is no Requests/sec line. */
export function parseWrk(output: string): WrkResult {
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
  };
}

/** Runs wrk, printing its command and a one-line summary; throws when wrk fails. */
export async function runWrk(wrkPath: string, args: string[]): Promise<WrkResult> {
  show('wrk', args);
  const result = await run(wrkPath, args);
  if (result.code !== 0) throw new Error(`wrk failed (exit ${result.code}): ${result.stderr || result.stdout}`);
  const parsed = parseWrk(result.stdout);
  console.log(
    `    ${parsed.requestsPerSec.toFixed(0)} req/s, mean ${parsed.meanLatencyMs?.toFixed(2) ?? '?'} ms; ` +
      `socket errors: ${parsed.socketErrors}; non-2xx: ${parsed.non2xx}`,
  );
  if (parsed.non2xx > 0) console.log(`    WARNING: ${parsed.non2xx} non-2xx responses: this req/s is not a valid figure`);
  return parsed;
}
