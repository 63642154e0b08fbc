import type { Command } from 'commander';
import { join } from 'node:path';
import { loadScenario } from '../../scenario/load-scenario.js';
import { describeSlo } from '../../scenario/slo-text.js';
import { shortWindowWarning } from '../../scenario/window-warning.js';
import { planRun } from '../../plan/plan.js';
import { selectPoints } from '../../plan/point-filter.js';
import { formatDryRun } from '../dry-run.js';
import { runPlan } from '../../run/run-plan.js';
import { createProgressView } from '../render/progress-view.js';
import { formatPointsTable } from '../render/points-table.js';
import { generateReport } from '../../report/index.js';
import { EXIT_CODES, GatebenchError } from '../../errors.js';
import { displayPath } from '../paths.js';
import { onStopSignals } from '../signals.js';

interface RunFlags {
  out?: string;
  resume?: string;
  only?: string;
  report: boolean;
  skipPreflight?: boolean;
  dryRun?: boolean;
}

export function register(program: Command): void {
  program
    .command('run')
    .description('Run a scenario sweep and store every point under results/<run-id>/')
    .argument('<scenario>', 'scenario YAML file (see docs/scenarios.md)')
    .option('--out <dir>', 'run folder to create (default results/<run-id>)')
    .option('--resume <dir>', 'continue an interrupted run in this folder (skips finished points)')
    .option('--only <filter>', 'run only matching points: api=echo,size=1KiB or a pointId glob like "echo-1KiB-*"')
    .option('--dry-run', 'validate the scenario, resolve ${ENV}, print the plan and estimated time; start nothing, send nothing')
    .option('--skip-preflight', 'send no check request before the first point (recorded in the manifest); a dead target then shows only in the points')
    .option('--no-report', 'skip the report at the end (render it later with `gatebench report <run-dir>`)')
    .action(async (file: string, flags: RunFlags) => runCommand(file, flags));
}

async function runCommand(file: string, flags: RunFlags): Promise<void> {
  const scenario = await loadScenario(file);
  const plan = planRun(scenario);
  const shortWindow = shortWindowWarning(scenario.timing.durationMs);
  if (shortWindow !== undefined) console.error(`warning: ${shortWindow}`);
  if (flags.dryRun === true) {
    console.log(formatDryRun(scenario, selectPoints(plan.points, flags.only), plan.points.length));
    return;
  }
  if (flags.out !== undefined && flags.resume !== undefined) {
    throw new GatebenchError('GB_INPUT_INVALID', 'run: --out and --resume both name a run folder; give one', { hint: '--resume <dir> continues that folder; --out <dir> starts a new run there' });
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_CODES.interrupted); // second Ctrl-C: leave now; finished points are already on disk
    console.error('\nstopping: abandoning the point in flight, keeping every finished point (Ctrl-C again to quit at once)');
    controller.abort();
  };
  const stopListening = onStopSignals(onSignal);
  const view = createProgressView(scenario);
  try {
    const result = await runPlan(scenario, plan, {
      ...(flags.out !== undefined && { runDir: flags.out }),
      ...(flags.resume !== undefined && { resumeDir: flags.resume }),
      ...(flags.only !== undefined && { only: flags.only }),
      skipPreflight: flags.skipPreflight === true,
      signal: controller.signal,
      onEvent: (event) => view.handle(event),
    });
    view.stop();
    if (result.points.length > 0) console.log(`\n${formatPointsTable(result.points)}\nSLO: ${describeSlo(scenario.slo) ?? 'none (no point can fail, except one with no successful response)'}`);
    console.log(`\nresults: ${displayPath(result.dir)} (manifest.json, points.jsonl, summary.csv, histograms/)`);
    if (flags.report && result.points.length > 0) await reportRun(result.dir);
    if (result.status === 'interrupted') {
      console.log(`interrupted: resume with  gatebench run ${file} --resume ${displayPath(result.dir)}`);
      process.exitCode = EXIT_CODES.interrupted;
      return;
    }
    const failed = result.points.filter((stored) => !stored.slo.pass);
    if (failed.length > 0) {
      const listed = failed.slice(0, 5).map((stored) => `${stored.point.pointId} (${stored.slo.reasons.join('; ')})`);
      const more = failed.length > listed.length ? `\n  and ${failed.length - listed.length} more (see the table above)` : '';
      throw new GatebenchError('GB_SLO_FAILED', `${failed.length} of ${result.points.length} points failed their SLO:\n  ${listed.join('\n  ')}${more}`);
    }
  } finally {
    view.stop();
    stopListening();
  }
}

/** The report is a view of the stored run: if it fails, the measurements are still safe and it can be redone. */
async function reportRun(runDir: string): Promise<void> {
  try {
    const { outDir } = await generateReport({ runDir });
    console.log(`report:  ${displayPath(join(outDir, 'index.html'))} (and report.md, summary.csv, analysis.json, charts/)`);
  } catch (error) {
    console.error(`report failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`the results are intact; retry with  gatebench report ${displayPath(runDir)}`);
    process.exitCode = EXIT_CODES.gatebenchFailed;
  }
}
