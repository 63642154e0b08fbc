/**
 * gatebench's programmatic API: the CLI is a thin shell around these functions.
 * Stages: loadScenario (YAML -> Scenario) -> planRun (Scenario -> Plan) -> runPlan (Plan -> run folder)
 * -> readRun (run folder -> StoredRun) -> analyzeRun / planCapacity / compareRuns -> generateReport.
 * runLoad / builtinDriver drive one point; startMockBackend and startEmbeddedGateway start the services.
 */
export { loadScenario, parseScenario } from './scenario/load-scenario.js';
export { maskSecrets } from './scenario/mask-secrets.js';
export type { Scenario } from './scenario/types.js';
export { planRun, scenarioHash } from './plan/plan.js';
export type { Plan, PlanPoint } from './plan/types.js';
export { createRunStore, openRunStore, type RunStore } from './store/run-store.js';
export { readRun } from './store/read-run.js';
export { summaryCsvRows, writeSummaryCsv } from './store/summary-csv.js';
export { hostInfo } from './store/host-info.js';
export type { RunManifest, StoredPoint, StoredRun, ResultStore } from './store/types.js';
export { parsePointFilter, selectPoints } from './plan/point-filter.js';
export { runPlan, type RunPlanOptions } from './run/run-plan.js';
export { RunHandle } from './run/run-handle.js';
export type { RunEvent, RunResult } from './run/run-events.js';
export type { RunComponents } from './run/components.js';
export { sloVerdict } from './results/slo-verdict.js';
export { formatPointsTable } from './cli/render/points-table.js';
export { builtinDriver, runLoad, type RunLoadHooks } from './engine/index.js';
export type { Driver, LoadOptions } from './engine/types.js';
export type { PointResult } from './results/types.js';
export { analyzeRun, compareRuns, planCapacity, type CompareOptions, type PlanOptions } from './analysis/index.js';
export type { CapacityPlan, CapacityRequest } from './analysis/capacity/types.js';
export type { RegressionLimits, RegressionReport } from './analysis/regression/types.js';
export type { AnalyzeOptions, RunAnalysis } from './analysis/run-analysis/types.js';
export { generateReport } from './report/index.js';
export type { GeneratedReport, GenerateReportOptions } from './report/types.js';
export { startEmbeddedGateway, type EmbeddedGateway, type EmbeddedGatewayOptions } from './targets/index.js';
export { startMockBackend, type MockBackend, type MockBackendOptions } from '../mock-backend/index.js';
