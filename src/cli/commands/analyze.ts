import type { Command } from 'commander';
import { GatebenchError } from '../../errors.js';
import { DEFAULT_USL_SETTINGS } from '../../analysis/fit/usl-analysis.js';
import { analyzeRunDir } from '../../analysis/run-analysis/run-files.js';
import { formatAnalysisBrief, formatAnalysisSummary } from '../render/analysis-text.js';
import { loadBaselines } from '../../baselines/load-baseline.js';
import { parseDurationMs } from '../../scenario/units.js';
import { addBaselineOptions, baselineLoadOptions, unitFlag, wholeFlag, type BaselineFlags } from '../flags.js';

/** `gatebench analyze <run-dir>`: fits, knees, size models, mediation cost, baselines; writes analysis.json. */

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
