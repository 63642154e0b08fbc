import { analyzeRun, compareRuns, planCapacity } from '../analysis/index.js';
import type { CapacityPlan } from '../analysis/capacity/types.js';
import type { RegressionLimits, RegressionReport } from '../analysis/regression/types.js';
import type { RunAnalysis } from '../analysis/run-analysis/types.js';
import type { BaselineSet } from '../analysis/types.js';
import { GatebenchError } from '../errors.js';
import { seriesKeyOf } from '../plan/point-id.js';
import { gatebenchVersion } from '../runtime/version.js';
import type { StoredRun } from '../store/types.js';
import { chartFontFamily, renderCharts } from './charts/index.js';
import { seriesOf } from './charts/series-data.js';
import { baselineSection } from './sections/baseline-section.js';
import { capacitySection } from './sections/capacity-section.js';
import { caveatsSection } from './sections/caveats-section.js';
import { methodSection } from './sections/method-section.js';
import { distributionSection, pointsSection, stabilitySection } from './sections/points-section.js';
import { regressionSection } from './sections/regression-section.js';
import type { ReportData } from './sections/report-data.js';
import { scalabilitySection } from './sections/scalability-section.js';
import { summarySection } from './sections/summary-section.js';
import type { Report } from './types.js';

/** Limits a regression must pass when the report is asked to compare runs (same defaults as `gatebench compare`). */
export const DEFAULT_REGRESSION_LIMITS: RegressionLimits = { maxThroughputDropPct: 5, maxP99RisePct: 10 };

export interface BuildReportInput {
  run: StoredRun;
  baselines: BaselineSet[];
  /** The earlier run this one is judged against (`--compare`). */
  compareRun?: StoredRun;
}

/** Analysis, capacity plans, regression verdicts, charts and sections: everything the reporters render. */
export function buildReport(input: BuildReportInput): Report {
  const { run } = input;
  const analysis = analyzeRun(run, { baselines: input.baselines });
  const { plans, note } = capacityPlans(run, analysis, input.baselines);
  const regression: RegressionReport | null = input.compareRun === undefined ? null : compareRuns(input.compareRun, run, DEFAULT_REGRESSION_LIMITS);
  const charts = renderCharts({ run, analysis });
  const data: ReportData = {
    run,
    analysis,
    baselines: input.baselines,
    capacity: plans,
    ...(note === undefined ? {} : { capacityNote: note }),
    regression,
    charts,
    gatebenchVersion: gatebenchVersion(),
    ...(chartFontFamily() === undefined ? {} : { chartFont: chartFontFamily() }),
  };
  const sections = [
    summarySection(data),
    scalabilitySection(data),
    baselineSection(data),
    capacitySection(data),
    regressionSection(data),
    stabilitySection(data),
    distributionSection(data),
    pointsSection(data),
    methodSection(data),
    caveatsSection(data),
  ];
  const manifest = run.manifest;
  return {
    title: `Gateway capacity report: ${manifest.scenario.name}`,
    subtitle: `Run ${manifest.runId}, ${manifest.startedAt}${manifest.endedAt ? ` to ${manifest.endedAt}` : ''} (${manifest.status}) on ${manifest.host.hostname}; ${manifest.targetDescription}`,
    gatebenchVersion: data.gatebenchVersion,
    run,
    analysis,
    capacity: plans,
    ...(note === undefined ? {} : { capacityNote: note }),
    regression,
    sections,
    charts,
  };
}

/**
 * One plan per measured series ("if all traffic were this kind"): the scenario names a target rate but no
 * traffic mix, and a made-up mix would put a number in front of a manager that nobody measured.
 */
function capacityPlans(run: StoredRun, analysis: RunAnalysis, baselines: BaselineSet[]): { plans: CapacityPlan[]; note?: string } {
  const sloP99Ms = analysis.settings.sloP99Ms;
  const capacity = run.manifest.scenario.capacity;
  if (capacity === undefined) return { plans: [], note: 'The scenario names no capacity.targetRps, so no instance count was worked out.' };
  if (run.manifest.scenario.sweep.levels.model === 'open') {
    return { plans: [], note: 'The capacity planner works from measured concurrency levels (closed model); this run used the open model (offered rates).' };
  }
  if (sloP99Ms === null) return { plans: [], note: 'No p99 SLO is set (slo.p99 in the scenario), and capacity per instance is defined as the throughput within it.' };
  const plans: CapacityPlan[] = [];
  const failures: string[] = [];
  const series = seriesOf(run);
  for (const s of series) {
    const name = seriesKeyOf(s.api, s.messageSizeBytes, s.backendSleepMs);
    try {
      plans.push(
        planCapacity(
          run,
          { targetRps: capacity.targetRps, headroomPct: capacity.headroomPct, sloP99Ms, mix: [{ name, api: s.api, messageSizeBytes: s.messageSizeBytes, backendSleepMs: s.backendSleepMs, weight: 1 }] },
          // The run's own analysis (same SLO) is reused rather than recomputed for every series.
          { baselines, analysis },
        ),
      );
    } catch (error) {
      if (!(error instanceof GatebenchError)) throw error;
      failures.push(`${name}: ${error.message}`);
    }
  }
  if (failures.length === 0) return { plans };
  return { plans, note: `No plan for ${failures.length} of ${series.length} series: ${failures.join('; ')}` };
}
