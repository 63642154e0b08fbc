import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { assertNoRegression, compareRuns, DEFAULT_REGRESSION_LIMITS } from '../../analysis/regression/regression.js';
import { formatRegressionTable, regressionJunit, regressionMarkdown } from '../render/regression-render.js';
import { readRun } from '../../store/read-run.js';
import { parsePercent } from '../../scenario/units.js';
import { unitFlag, wholeFlag } from '../flags.js';

/** `gatebench compare <baseline-run> <candidate-run>`: the CI regression gate; exits 1 on a confident regression. */

interface CompareFlags {
  maxThroughputDrop: string;
  maxP99Rise: string;
  markdown?: string;
  junit?: string;
  json?: boolean;
  resamples: string;
  seed: string;
}

export function register(program: Command): void {
  program
    .command('compare <baseline-run> <candidate-run>')
    .description('compare two runs point by point with bootstrap intervals; exit 1 on a confident regression')
    .option('--max-throughput-drop <pct>', 'largest acceptable throughput drop', `${DEFAULT_REGRESSION_LIMITS.maxThroughputDropPct}%`)
    .option('--max-p99-rise <pct>', 'largest acceptable p99 rise', `${DEFAULT_REGRESSION_LIMITS.maxP99RisePct}%`)
    .option('--markdown <file>', 'also write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--junit <file>', 'also write JUnit XML, one test case per point')
    .option('--resamples <n>', 'bootstrap resamples', '2000')
    .option('--seed <n>', 'bootstrap seed', '1')
    .option('--json', 'print the report as JSON')
    .action(async (baselineDir: string, candidateDir: string, flags: CompareFlags) => {
      const report = compareRuns(
        await readRun(baselineDir),
        await readRun(candidateDir),
        { maxThroughputDropPct: unitFlag('--max-throughput-drop', flags.maxThroughputDrop, parsePercent), maxP99RisePct: unitFlag('--max-p99-rise', flags.maxP99Rise, parsePercent) },
        { resamples: wholeFlag('--resamples', flags.resamples, { min: 100 }), seed: wholeFlag('--seed', flags.seed, { min: 0 }) },
      );
      process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatRegressionTable(report));
      if (flags.markdown) await writeFile(flags.markdown, regressionMarkdown(report));
      if (flags.junit) await writeFile(flags.junit, regressionJunit(report));
      assertNoRegression(report);
    });
}
