import type { Command } from 'commander';
import { GatebenchError } from '../../errors.js';
import { DEFAULT_USL_SETTINGS } from '../../analysis/fit/usl-analysis.js';
import { analyzeRunDir } from '../../analysis/run-analysis/run-files.js';
import { formatAnalysisBrief, formatAnalysisSummary } from '../render/analysis-text.js';
import { loadBaselines } from '../../baselines/load-baseline.js';
import { parseDurationMs } from '../../scenario/units.js';
import type { Api } from '../../scenario/types.js';
import { unitFlag, wholeFlag } from '../flags.js';

/** `gatebench analyze <run-dir>`: fits, knees, size models, mediation cost, baselines; writes analysis.json. */

export interface BaselineFlags {
  baseline?: string[];
  baselineMachine?: string;
  baselineApi?: string;
}

export const addBaselineOptions = (command: Command): Command =>
  command
    .option('--baseline <file-or-run...>', 'baseline(s): a run folder, a data/baselines CSV, a WSO2 summary.csv, "wso2" (all shipped WSO2 figures) or "wso2:<part of a file name>"')
    .option('--baseline-machine <type>', 'instance type a WSO2 summary.csv came from (c3.xlarge, c5.large, m5.large), for per-vCPU figures')
    .option('--baseline-api <api>', 'echo or mediation: the API of a 2017-layout summary.csv, which does not record it');

export function baselineLoadOptions(flags: BaselineFlags): { machineType?: string; api?: Api } {
  if (flags.baselineApi !== undefined && flags.baselineApi !== 'echo' && flags.baselineApi !== 'mediation') {
    throw new GatebenchError('GB_INPUT_INVALID', `--baseline-api "${flags.baselineApi}": use echo or mediation`);
  }
  return {
    ...(flags.baselineMachine ? { machineType: flags.baselineMachine } : {}),
    ...(flags.baselineApi ? { api: flags.baselineApi as Api } : {}),
  };
}

interface AnalyzeFlags extends BaselineFlags {
  sloP99?: string;
  resamples: string;
  seed: string;
  json?: boolean;
  verbose?: boolean;
  out?: string;
}

export function register(program: Command): void {
  const command = program
    .command('analyze <run-dir>')
    .description('fit capacity curves (USL per series, size model, knee, mediation cost, limiting component); prints a summary, writes analysis.json only with --out')
    .option('--slo-p99 <duration>', 'p99 SLO for the knee, e.g. 200ms (default: slo.p99 of the scenario)')
    .option('--resamples <n>', 'bootstrap resamples for the USL confidence intervals', String(DEFAULT_USL_SETTINGS.resamples))
    .option('--seed <n>', 'bootstrap seed', String(DEFAULT_USL_SETTINGS.seed))
    .option('--json', 'print analysis.json instead of the summary')
    .option('--verbose', 'print every series, model and comparison in full after the summary')
    .option('--out <dir>', 'folder to write analysis.json into (nothing is written without it)');
  addBaselineOptions(command).action(async (dir: string, flags: AnalyzeFlags) => {
    const baselines = await loadBaselines(flags.baseline ?? [], baselineLoadOptions(flags));
    const { analysis, file } = await analyzeRunDir(
      dir,
      {
      ...(flags.sloP99 === undefined ? {} : { sloP99Ms: unitFlag('--slo-p99', flags.sloP99, parseDurationMs) }),
      resamples: wholeFlag('--resamples', flags.resamples, { min: 50 }),
      seed: wholeFlag('--seed', flags.seed, { min: 0 }),
        baselines,
      },
      flags.out,
    );
    const wrote = file === undefined ? '' : `Wrote ${file}\n`;
    if (flags.json) process.stdout.write(JSON.stringify(analysis, null, 2) + '\n');
    else if (flags.verbose) process.stdout.write(`${formatAnalysisBrief(analysis)}\n${formatAnalysisSummary(analysis)}\n${wrote}`);
    else process.stdout.write(`${formatAnalysisBrief(analysis)}\n(details: --verbose; analysis.json: --out DIR)\n${wrote}`);
  });
}
