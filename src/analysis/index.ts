/**
 * Public entry points of the analysis stage: pure functions from stored runs to typed findings.
 * Contract (names and signatures stable): analyzeRun, planCapacity, compareRuns.
 */
export type * from './types.js';
export { analyzeRun } from './run-analysis/analyze-run.js';
export { planCapacity, type PlanOptions } from './capacity/capacity.js';
export { compareRuns, assertNoRegression, DEFAULT_REGRESSION_LIMITS, type CompareOptions } from './regression/regression.js';
export { fitUslRaw, uslThroughput, uslPeakConcurrency } from './fit/usl.js';
export { analyzeUsl } from './fit/usl-analysis.js';
