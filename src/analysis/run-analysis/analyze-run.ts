/** analyzeRun: StoredRun -> RunAnalysis. Pure: no I/O, no clock; the same run and options give the same JSON. */
import type { StoredRun } from '../../store/types.js';
import { GatebenchError } from '../../errors.js';
import { SCHEMA_VERSIONS } from '../../results/versions.js';
import { describeRunMachine } from '../../baselines/machines.js';
import { requestMethod } from '../../scenario/request-method.js';
import type { AnalysisSettings, AnalyzeOptions, RunAnalysis } from './types.js';
import { DEFAULT_USL_SETTINGS } from '../fit/usl-analysis.js';
import { pointFindings } from './points.js';
import { seriesAnalyses } from './series.js';
import { sizeModels } from './size-models.js';
import { mediationCost } from './mediation.js';
import { defaultQueries, predict } from './predictions.js';
import { compareWithBaseline } from './compare-baselines.js';
import { reproducibility } from './reproducibility.js';

function resolveSettings(run: StoredRun, options: AnalyzeOptions): AnalysisSettings {
  const scenarioSlo = run.manifest.scenario.slo.p99Ms;
  const sloP99Ms = options.sloP99Ms ?? scenarioSlo ?? null;
  const settings: AnalysisSettings = {
    sloP99Ms,
    sloSource: options.sloP99Ms !== undefined ? 'option' : scenarioSlo !== undefined ? 'scenario' : 'none',
    seed: options.seed ?? DEFAULT_USL_SETTINGS.seed,
    resamples: options.resamples ?? DEFAULT_USL_SETTINGS.resamples,
    minR2: options.minR2 ?? DEFAULT_USL_SETTINGS.minR2,
    minDistinctConcurrency: options.minDistinctConcurrency ?? DEFAULT_USL_SETTINGS.minDistinctConcurrency,
    maxErrorPct: options.maxErrorPct ?? 5,
    backendBoundFraction: options.backendBoundFraction ?? 0.9,
  };
  if (settings.minDistinctConcurrency < 3) {
    throw new GatebenchError('GB_INPUT_INVALID', `minDistinctConcurrency ${settings.minDistinctConcurrency} is too low: the USL has 3 parameters`);
  }
  if (!(settings.resamples >= 50)) throw new GatebenchError('GB_INPUT_INVALID', `resamples ${settings.resamples}: use at least 50 for a 95 % interval`);
  return settings;
}

export function analyzeRun(run: StoredRun, options: AnalyzeOptions = {}): RunAnalysis {
  if (run.points.length === 0) {
    throw new GatebenchError('GB_INPUT_INVALID', `${run.dir}: the run has no measured points to analyze`, {
      hint: 'run the scenario first (gatebench run), or resume it if it was interrupted',
    });
  }
  const settings = resolveSettings(run, options);
  const machine = describeRunMachine(run.manifest);
  const method = requestMethod(run.manifest.scenario);
  const { points, excluded } = pointFindings(run, settings);
  const included = points.filter((point) => !point.excluded);
  const thinkTimeMs = run.manifest.scenario.timing.thinkTimeMs;
  const series = seriesAnalyses(points, settings, thinkTimeMs);
  const sizes = sizeModels(included, settings.minR2);
  const queries = [...defaultQueries(series), ...(options.predict ?? [])];
  const notes: string[] = [];
  if (run.manifest.status !== 'complete') {
    notes.push(`run status is ${run.manifest.status}: ${run.points.length} of ${run.manifest.plannedPoints} planned points were measured`);
  }
  if (excluded.length > 0) notes.push(`${excluded.length} point${excluded.length === 1 ? '' : 's'} excluded from every fit (see excluded)`);
  const littlesFailures = points.filter((point) => !point.littlesLaw.ok).length;
  if (littlesFailures > 0) notes.push(`${littlesFailures} point${littlesFailures === 1 ? '' : 's'} failed the engine's Little's-law check: measured concurrency differs from what was offered`);
  return {
    schemaVersion: SCHEMA_VERSIONS.analysis,
    runId: run.manifest.runId,
    runDir: run.dir,
    scenarioName: run.manifest.scenario.name,
    method,
    machine,
    settings,
    points,
    excluded,
    series,
    sizeModels: sizes,
    mediation: mediationCost(included),
    predictions: queries.map((query) => predict(query, series, sizes)),
    reproducibility: reproducibility(points, series, run.manifest),
    comparisons: (options.baselines ?? []).map((set) => compareWithBaseline(set, included, series, machine, settings.sloP99Ms, settings.maxErrorPct, method)),
    notes,
  };
}
