import type { Command } from 'commander';
import { join, relative } from 'node:path';
import { generateReport } from '../../report/index.js';
import { addBaselineOptions, baselineLoadOptions, type BaselineFlags } from './analyze.js';

interface ReportFlags extends Omit<BaselineFlags, 'baseline'> {
  /** commander gives `false` for --no-baseline, a list for --baseline, undefined when neither is given. */
  baseline?: string[] | false;
  compare?: string;
  out?: string;
}

export function register(program: Command): void {
  const command = program
    .command('report')
    .description(
      'Render the capacity report of a stored run: index.html (self-contained), report.md, summary.csv, analysis.json, charts/*.png; ' +
        'without --baseline it compares with the shipped 2.1.0 c3.xlarge and 4.6.0 c5.large figures',
    )
    .argument('<run-dir>', 'run folder written by `gatebench run` (results/<run-id>)');
  // The same --baseline, --baseline-machine and --baseline-api as analyze and plan, read by the same loader.
  addBaselineOptions(command)
    .option('--no-baseline', 'compare with no baseline at all')
    .option('--compare <run-dir>', 'an earlier run to judge this one against (regression verdicts)')
    .option('--out <dir>', 'report folder (default reports/<run-id>)')
    .action(async (runDir: string, flags: ReportFlags) => {
      const { baseline, ...loadFlags } = flags;
      const result = await generateReport(
        {
          runDir,
          ...(flags.out !== undefined && { outDir: flags.out }),
          ...(baseline !== undefined && { baseline: baseline === false ? [] : baseline }),
          ...(flags.compare !== undefined && { compareRunDir: flags.compare }),
        },
        baselineLoadOptions(loadFlags),
      );
      const near = relative(process.cwd(), result.outDir) || '.';
      const shown = near.startsWith('..') ? result.outDir : near;
      console.log(`report: ${join(shown, 'index.html')} (${result.files.length} files in ${shown})`);
    });
}
