import type { Command } from 'commander';
import { join, relative } from 'node:path';
import { GatebenchError } from '../../errors.js';
import { generateComparisonReport, generateReport } from '../../report/index.js';
import { printPdf } from '../../report/print-pdf.js';
import { addBaselineOptions, baselineLoadOptions, type BaselineFlags } from '../flags.js';

interface ReportFlags extends Omit<BaselineFlags, 'baseline'> {
  /** commander gives `false` for --no-baseline, a list for --baseline, undefined when neither is given. */
  baseline?: string[] | false;
  compare?: string;
  out?: string;
  pdf?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('report')
    .description(
      'Render the capacity report of a stored run: index.html (self-contained), report.md, summary.csv, analysis.json, charts/*.png; ' +
        'without --baseline it compares with the shipped 2.1.0 c3.xlarge and 4.6.0 c5.large figures',
    )
    .argument('<run-dir...>', 'run folder written by `gatebench run` (results/<run-id>); several: one side-by-side report, run 1 the reference');
  // The same --baseline, --baseline-machine and --baseline-api as analyze and plan, read by the same loader.
  addBaselineOptions(command)
    .option('--no-baseline', 'compare with no baseline at all')
    .option('--compare <run-dir>', 'an earlier run to judge this one against (regression verdicts)')
    .option('--out <dir>', 'report folder (default reports/<run-id>)')
    .option('--pdf', 'also print index.html to report.pdf through an installed Chromium (Debian\'s chromium, or $GATEBENCH_CHROMIUM)')
    .action(async (runDirs: string[], flags: ReportFlags) => {
      if (runDirs.length > 1) {
        if (flags.out === undefined) throw new GatebenchError('GB_INPUT_INVALID', `${runDirs.length} runs make one side-by-side report: say where it goes with --out DIR`);
        const clash = (['compare', 'baseline'] as const).filter((name) => flags[name] !== undefined);
        if (clash.length > 0) throw new GatebenchError('GB_INPUT_INVALID', `a side-by-side report compares the runs with each other: drop ${clash.map((name) => `--${name}`).join(', ')}`);
        const result = await generateComparisonReport({ runDirs, outDir: flags.out });
        console.log(`side-by-side report: ${join(near(result.outDir), 'index.html')} (${runDirs.length} runs, ${result.files.length} files)`);
        if (flags.pdf === true) await printBesides(result.outDir);
        return;
      }
      const runDir = runDirs[0]!;
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
      const shown = near(result.outDir);
      console.log(`report: ${join(shown, 'index.html')} (${result.files.length} files in ${shown})`);
      if (flags.pdf === true) await printBesides(result.outDir);
    });
}

/** A path as the command prints it: relative to the working directory unless it lies outside it. */
function near(path: string): string {
  const relativePath = relative(process.cwd(), path) || '.';
  return relativePath.startsWith('..') ? path : relativePath;
}

/** Runs after the HTML is written and announced, so a PDF that fails (exit 4) never costs the report. */
async function printBesides(outDir: string): Promise<void> {
  console.log(`pdf: ${near(await printPdf(join(outDir, 'index.html')))}`);
}
