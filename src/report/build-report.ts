import { analyzeRun, compareRuns, DEFAULT_REGRESSION_LIMITS, planCapacity } from '../analysis/index.js';
import type { CapacityPlan } from '../analysis/capacity/types.js';
import type { RegressionReport } from '../analysis/regression/types.js';
import type { RunAnalysis } from '../analysis/run-analysis/types.js';
import type { BaselineSet } from '../analysis/types.js';
import { GatebenchError } from '../errors.js';
import { seriesKeyOf } from '../plan/point-id.js';
import { requestMethod } from '../scenario/request-method.js';
import { gatebenchVersion } from '../runtime/version.js';
import type { StoredRun } from '../store/types.js';
import { chartFontFamily, renderCharts } from './charts/index.js';
import { seriesOf } from './charts/series-data.js';
import { baselineSection } from './sections/baseline-section.js';
import { capacitySection } from './sections/capacity-section.js';
import { caveatsSection } from './sections/caveats-section.js';
import { methodSection } from './sections/method-section.js';
import { overheadSection } from './sections/overhead-section.js';
import { telemetrySection } from './sections/telemetry-section.js';
import { distributionSection, pointsSection, stabilitySection } from './sections/points-section.js';
import { regressionSection } from './sections/regression-section.js';
import type { ReportData } from './sections/report-data.js';
import { scalabilitySection } from './sections/scalability-section.js';
import { summarySection } from './sections/summary-section.js';
import type { Headline, Report, Section } from './types.js';
import { recommendDeployment } from '../analysis/capacity/deployment-pattern.js';
import { assessTrust } from '../analysis/trust/trust-grade.js';
import { headlineSection } from './sections/headline-section.js';
import { utilisationSection } from './sections/utilisation-section.js';


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
  const headline = headlineOf(run, analysis);
  const regression: RegressionReport | null = input.compareRun === undefined ? null : compareRuns(input.compareRun, run, DEFAULT_REGRESSION_LIMITS);
  const charts = renderCharts({ run, analysis });
  const data: ReportData = {
    run,
    analysis,
    baselines: input.baselines,
    capacity: plans,
    ...(note === undefined ? {} : { capacityNote: note }),
    regression,
    headline,
    charts,
    gatebenchVersion: gatebenchVersion(),
    ...(chartFontFamily() === undefined ? {} : { chartFont: chartFontFamily() }),
  };
  const optional = [overheadSection(data), telemetrySection(data)].filter((section) => section !== undefined);
  const sections = [
    headlineSection(data),
    summarySection(data),
    ...optional,
    scalabilitySection(data),
    utilisationSection(data),
    baselineSection(data),
    capacitySection(data),
    regressionSection(data),
    stabilitySection(data),
    distributionSection(data),
    pointsSection(data),
    methodSection(data),
    caveatsSection(data),
  ].filter((section): section is Section => section !== null && section.blocks.length > 0);
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
    headline,
    sections,
    charts,
  };
}

/**
 * The headline's plan is for the scenario's own traffic mix (capacity.mix); the deployment pattern follows from
 * its instance count (the extrapolated one when the sweep bounded it and the USL could carry on, else the upper
 * bound, said so); the grade weighs the points behind it.
 */
function headlineOf(run: StoredRun, analysis: RunAnalysis): Headline {
  const capacity = run.manifest.scenario.capacity;
  const sloP99Ms = analysis.settings.sloP99Ms;
  let plan: CapacityPlan | undefined;
  let note: string | undefined;
  if (capacity?.mix !== undefined && sloP99Ms !== null && run.manifest.scenario.sweep.levels.model === 'closed') {
    try {
      plan = planCapacity(run, { targetRps: capacity.targetRps, headroomPct: capacity.headroomPct, sloP99Ms, mix: capacity.mix }, { analysis });
    } catch (error) {
      if (!(error instanceof GatebenchError)) throw error;
      note = `No plan for the scenario's traffic mix: ${error.message}`;
    }
  }
  const trust = assessTrust({ run, analysis, ...(plan === undefined ? {} : { headline: plan }) });
  const instances = plan === undefined ? undefined : plan.answer.kind === 'usl-extrapolation' ? plan.answer.estimate.instances : plan.estimate.instances;
  const deployment =
    capacity === undefined || instances === undefined
      ? undefined
      : recommendDeployment({
          gatewayInstances: instances,
          targetRps: capacity.targetRps,
          ...(capacity.minRps === undefined ? {} : { minRps: capacity.minRps }),
          ...(capacity.internalExternal === undefined ? {} : { internalExternal: capacity.internalExternal }),
          ...(capacity.hybrid === undefined ? {} : { hybrid: capacity.hybrid }),
        });
  return { trust, ...(plan === undefined ? {} : { plan }), ...(deployment === undefined ? {} : { deployment }), ...(note === undefined ? {} : { note }) };
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
    const name = seriesKeyOf(s.api, s.messageSizeBytes, s.backendSleepMs, requestMethod(run.manifest.scenario));
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
