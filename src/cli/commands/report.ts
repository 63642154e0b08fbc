import type { Command } from 'commander';
import { join, relative } from 'node:path';
import { generateReport } from '../../report/index.js';

interface ReportFlags {
  /** commander gives `false` for --no-baseline, a list for --baseline, undefined when neither is given. */
  baseline?: string[] | false;
  compare?: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('Render the capacity report of a stored run: index.html (self-contained), report.md, summary.csv, analysis.json, charts/*.png')
    .argument('<run-dir>', 'run folder written by `gatebench run` (results/<run-id>)')
    .option('--baseline <fileOrRun...>', 'baselines to compare with: data/baselines/*.csv, a WSO2 summary.csv or a run folder (default: the shipped 2.1.0 c3.xlarge and 4.6.0 c5.large figures)')
    .option('--no-baseline', 'compare with no baseline at all')
    .option('--compare <run-dir>', 'an earlier run to judge this one against (regression verdicts)')
    .option('--out <dir>', 'report folder (default reports/<run-id>)')
    .action(async (runDir: string, flags: ReportFlags) => {
      const result = await generateReport({
        runDir,
        ...(flags.out !== undefined && { outDir: flags.out }),
        ...(flags.baseline !== undefined && { baseline: flags.baseline === false ? [] : flags.baseline }),
        ...(flags.compare !== undefined && { compareRunDir: flags.compare }),
      });
      const near = relative(process.cwd(), result.outDir) || '.';
      const shown = near.startsWith('..') ? result.outDir : near;
      console.log(`report: ${join(shown, 'index.html')} (${result.files.length} files in ${shown})`);
    });
}
