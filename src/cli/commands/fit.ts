import type { Command } from 'commander';
import { analyzeUsl, DEFAULT_USL_SETTINGS } from '../../analysis/fit/usl-analysis.js';
import { readUslCsv } from '../../analysis/load-inputs.js';
import type { UslOutcome } from '../../analysis/fit/types.js';
import { interval, rps, sig } from '../render/numbers.js';
import { EXIT_CODES, GatebenchError } from '../../errors.js';
import { SCHEMA_VERSIONS } from '../../results/versions.js';
import { wholeFlag } from '../flags.js';

function ratioFlag(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 1)) throw new GatebenchError('GB_INPUT_INVALID', `${flag} must be a number from 0 to 1, got "${text}"`);
  return value;
}

/** `gatebench fit usl <file.csv>`: the Universal Scalability Law fitted to `n,throughput` rows. */

interface FitFlags {
  json?: boolean;
  minLevels: string;
  minR2: string;
  resamples: string;
  seed: string;
}

/** The flat JSON the command prints; a refused fit prints its reason instead of numbers. */
function uslJson(outcome: UslOutcome): Record<string, unknown> {
  if (outcome.status === 'notFitted') return { schemaVersion: SCHEMA_VERSIONS.uslFit, status: 'notFitted', reason: outcome.reason, points: outcome.pointsUsed, distinctN: outcome.distinctConcurrency };
  return {
    schemaVersion: SCHEMA_VERSIONS.uslFit,
    status: 'fitted',
    sigma: outcome.params.sigma,
    kappa: outcome.params.kappa,
    lambda: outcome.params.lambda,
    r2: outcome.r2,
    peakConcurrency: outcome.peakConcurrency,
    peakThroughput: outcome.peakThroughputRps,
    peakNote: outcome.peakNote,
    intervals: outcome.intervals,
    residuals: outcome.residuals,
  };
}

function uslText(outcome: UslOutcome): string {
  if (outcome.status === 'notFitted') return `USL not fitted: ${outcome.reason}\n`;
  const { intervals } = outcome;
  return [
    `sigma            ${sig(outcome.params.sigma, 4)} ${interval(intervals.sigma)}`,
    `kappa            ${sig(outcome.params.kappa, 4)} ${interval(intervals.kappa)}`,
    `lambda           ${sig(outcome.params.lambda, 4)} ${interval(intervals.lambda)}`,
    `r2               ${outcome.r2.toFixed(4)}`,
    `peakConcurrency  ${outcome.peakConcurrency === null ? 'none' : `${sig(outcome.peakConcurrency, 4)} ${interval(intervals.peakConcurrency)}`}`,
    `peakThroughput   ${rps(outcome.peakThroughputRps)} ${interval(intervals.peakThroughputRps, rps)}`,
    `note             ${outcome.peakNote}`,
    `intervals        ${intervals.method.level * 100} % bootstrap of residuals, ${intervals.method.resamples} resamples, seed ${intervals.method.seed}`,
    '',
  ].join('\n');
}

export function register(program: Command): void {
  const fit = program.command('fit').description('fit a model to your own numbers');
  fit
    .command('usl <file>')
    .description('fit X(N) = λN / (1 + σ(N−1) + κN(N−1)) to a CSV with columns n,throughput; exits 2 when the fit is refused')
    .option('--json', 'print JSON')
    .option('--min-levels <n>', 'refuse with fewer distinct n values', String(DEFAULT_USL_SETTINGS.minDistinctConcurrency))
    .option('--min-r2 <r2>', 'refuse a fit below this R²', String(DEFAULT_USL_SETTINGS.minR2))
    .option('--resamples <n>', 'bootstrap resamples', String(DEFAULT_USL_SETTINGS.resamples))
    .option('--seed <n>', 'bootstrap seed', String(DEFAULT_USL_SETTINGS.seed))
    .action(async (file: string, flags: FitFlags) => {
      const samples = await readUslCsv(file);
      const outcome = analyzeUsl(samples, {
        ...DEFAULT_USL_SETTINGS,
        minDistinctConcurrency: wholeFlag('--min-levels', flags.minLevels, { min: 3 }),
        minR2: ratioFlag('--min-r2', flags.minR2),
        resamples: wholeFlag('--resamples', flags.resamples, { min: 50 }),
        seed: wholeFlag('--seed', flags.seed, { min: 0 }),
      });
      process.stdout.write(flags.json ? JSON.stringify(uslJson(outcome), null, 2) + '\n' : uslText(outcome));
      if (outcome.status === 'notFitted') process.exitCode = EXIT_CODES.badInput; // data this fit cannot use
    });
}
