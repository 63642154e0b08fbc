/**
 * Leave-one-out cross-validation: refit without one x level (all its repetitions), predict that level, and
 * compare with what was measured. Only interior levels are left out, because predicting an end point is
 * extrapolation, which gatebench never offers as a prediction.
 */
import type { LooFold, LooValidation } from './types.js';
import { distinctSorted, mean } from '../stats.js';

export interface LooModel<S> {
  model: LooValidation['model'];
  xOf(sample: S): number;
  yOf(sample: S): number;
  /** Refit on the remaining samples and return a predictor, or null when the refit fails. */
  refit(samples: S[]): ((x: number) => number) | null;
}

export function leaveOneOut<S>(samples: readonly S[], model: LooModel<S>): LooValidation {
  const levels = distinctSorted(samples.map(model.xOf));
  const folds: LooFold[] = [];
  for (const leftOut of levels.slice(1, -1)) {
    const held = samples.filter((sample) => model.xOf(sample) === leftOut);
    const measuredRps = mean(held.map(model.yOf));
    const predictor = model.refit(samples.filter((sample) => model.xOf(sample) !== leftOut));
    const predicted = predictor === null ? null : predictor(leftOut);
    const predictedRps = predicted !== null && Number.isFinite(predicted) ? predicted : null;
    folds.push({
      leftOut,
      measuredRps,
      predictedRps,
      errorPct: predictedRps === null || measuredRps === 0 ? null : ((predictedRps - measuredRps) / measuredRps) * 100,
    });
  }
  const errors = folds.flatMap((fold) => (fold.errorPct === null ? [] : [Math.abs(fold.errorPct)]));
  return {
    model: model.model,
    folds,
    meanAbsErrorPct: errors.length === 0 ? null : mean(errors),
    maxAbsErrorPct: errors.length === 0 ? null : Math.max(...errors),
    note:
      folds.length === 0
        ? 'no interior level to leave out (need at least 3 distinct levels)'
        : `${folds.length} interior level${folds.length === 1 ? '' : 's'} left out one at a time; end points are not left out (that would be extrapolation)`,
  };
}
