import type { Command } from 'commander';
import { GatebenchError } from '../../errors.js';
import { importJmeter } from '../../import/jmeter-import.js';
import { importK6 } from '../../import/k6-import.js';
import { parseLabelMap } from '../../import/point-spec.js';
import { loadScenario } from '../../scenario/load-scenario.js';
import { parseDurationMs } from '../../scenario/units.js';

/** `gatebench import k6|jmeter`: results of other load tools into the result store (docs/k6.md). */
export function register(program: Command): void {
  const command = program.command('import').description('Import k6 or JMeter results into a run folder, for analyze/report/compare');

  command
    .command('k6')
    .description('k6 --out json files (one runner or all runners of a distributed test), plus optionally the summary JSON or gatebench-plan.json')
    .argument('<files...>', 'k6 JSON output files (.json or .json.gz), summaries, gatebench-plan.json')
    .requiredOption('--out <dir>', 'run folder to create, e.g. results/<run-id>')
    .option('--scenario <file>', 'the scenario the script was exported from (else the plan in the summary or gatebench-plan.json)')
    .option('--k6-version <text>', 'k6 version of the runners, recorded in each point')
    .action(async (files: string[], flags: { out: string; scenario?: string; k6Version?: string }) => {
      const result = await importK6({
        files,
        outDir: flags.out,
        ...(flags.scenario !== undefined ? { scenario: await loadScenario(flags.scenario) } : {}),
        ...(flags.k6Version !== undefined ? { k6Version: flags.k6Version } : {}),
      });
      for (const warning of result.warnings) console.error(`warning: ${warning}`);
      console.log(`imported ${result.run.points.length} points from ${result.runners} k6 runner${result.runners === 1 ? '' : 's'} into ${result.run.dir}`);
    });

  command
    .command('jmeter')
    .description('JMeter CSV result files (.jtl), grouped into points by label, --map, or WSO2\'s results folder layout')
    .argument('<files...>', 'JMeter CSV result files')
    .requiredOption('--out <dir>', 'run folder to create, e.g. results/<run-id>')
    .option('--warmup <duration>', 'cut this much from the first sample of each point', '0s')
    .option('--map <label=spec>', "label to point, repeatable: 'HTTP Request=echo/1KiB/30ms/100' (api/size/sleep[/concurrency])", collect, [])
    .option('--scenario <file>', 'scenario to record the run under (for its SLO); else one is described from the files')
    .action(async (files: string[], flags: { out: string; warmup: string; map: string[]; scenario?: string }) => {
      const result = await importJmeter({
        files,
        outDir: flags.out,
        warmupMs: parseWarmup(flags.warmup),
        labelMap: parseLabelMap(flags.map),
        ...(flags.scenario !== undefined ? { scenario: await loadScenario(flags.scenario) } : {}),
      });
      for (const warning of result.warnings) console.error(`warning: ${warning}`);
      console.log(`imported ${result.run.points.length} points from ${files.length} JMeter file${files.length === 1 ? '' : 's'} into ${result.run.dir}`);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseWarmup(text: string): number {
  try {
    return parseDurationMs(text);
  } catch (error) {
    throw new GatebenchError('GB_INPUT_INVALID', `--warmup: ${error instanceof Error ? error.message : String(error)}`);
  }
}
