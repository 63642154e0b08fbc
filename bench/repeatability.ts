/**
 * `npm run bench -- repeatability`: does running the same sweep again give the same answer?
 *   1. scenarios/quick.yaml twice, back to back, into one scratch folder.
 *   2. Five repetitions of 25 users at 0 ms through the embedded gateway, echo and mediation, interleaved
 *      (repetitions as the outer loop), with the quick preset's timing, warm start and placement.
 * Prints issue 14's figures with their goals. Only loopback; every run bounded by its plan.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns, loadScenario, parseScenario, planRun, runPlan, type RunResult, type Scenario, type StoredPoint } from '../src/index.js';
import { repeatabilityFigures, type FigureRow } from './repeatability-figures.js';

const QUICK = 'scenarios/quick.yaml';

async function runQuietly(scenario: Scenario, outDir: string, label: string): Promise<RunResult> {
  const started = performance.now();
  const result = await runPlan(scenario, planRun(scenario), { outDir });
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${label}: ${result.points.length} points in ${seconds.toFixed(1)} s -> ${result.dir}`);
  return result;
}

/** Five interleaved repetitions at 25 users, 0 ms, 1 KiB, echo and mediation, with the quick preset's timing. */
function repeatedPointScenario(quick: Scenario): Scenario {
  const timing = quick.timing;
  const text = [
    'name: repeat-25-users',
    'target: embedded',
    'backend: embedded',
    'sweep: { messageSizes: [1KiB], backendSleeps: [0ms], concurrency: [25], mediation: [off, on], repetitions: 5 }',
    `timing: { warmup: ${timing.warmupMs}ms, duration: ${timing.durationMs}ms, pause: ${timing.pauseMs}ms, timeout: ${timing.timeoutMs}ms, prime: ${timing.primeMaxMs > 0 ? `${timing.primeMaxMs}ms` : 'off'} }`,
  ].join('\n');
  return parseScenario(text, 'repeat-25-users.yaml');
}

function printTable(rows: FigureRow[]): void {
  const header = ['figure', 'measured', 'goal', ''];
  const cells = rows.map((row) => [row.figure, row.measured, row.goal, row.met === null ? '' : row.met ? 'met' : 'MISSED']);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (values: string[]): string => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const cell of cells) console.log(line(cell));
}

export async function runRepeatabilityBench(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'gatebench-repeatability-'));
  const quick = await loadScenario(QUICK);
  console.log(`Runs (${QUICK} twice back to back, then 5 repetitions of 25 users at 0 ms):`);
  const first = await runQuietly(quick, outDir, 'quick run 1');
  const second = await runQuietly(quick, outDir, 'quick run 2');
  const repeated = await runQuietly(repeatedPointScenario(quick), outDir, 'repetitions');
  const comparison = compareRuns(
    { dir: first.dir, manifest: first.manifest, points: first.points },
    { dir: second.dir, manifest: second.manifest, points: second.points },
    { maxThroughputDropPct: 5, maxP99RisePct: 10 },
  );
  console.log(`\nCommands: npx gatebench run ${QUICK} (twice); npx gatebench compare ${first.dir} ${second.dir}`);
  console.log(`Placement: ${JSON.stringify(first.manifest.placement?.processes.map((entry) => `${entry.role}:${entry.cpus}`) ?? [])}`);
  console.log(`Warm start: ${first.manifest.priming?.routes.length ?? 0} routes in ${first.manifest.priming?.durationS.toFixed(1) ?? '-'} s\n`);
  printTable(repeatabilityFigures(first.points as StoredPoint[], second.points as StoredPoint[], comparison, repeated.points as StoredPoint[]));
  console.log('\nThe machine may be shared: other processes on it widen every figure above; rerun on a quiet host before drawing conclusions.');
}
