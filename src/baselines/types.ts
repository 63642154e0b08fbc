/**
 * Baselines: published or earlier measurements that a run is set against. Every source (the shipped WSO2
 * CSVs, WSO2's own summary.csv in its three layouts, a gatebench run folder) is mapped to BaselinePoint.
 */
import type { Api } from '../scenario/types.js';

/** Which file format a baseline came from. */
export type BaselineLayout =
  /** data/baselines/*.csv: the shipped, curated WSO2 figures (one common header). */
  | 'gatebench-baseline-csv'
  /** WSO2 `create-summary-csv.sh`, 2017 (2.1.0 era). */
  | 'wso2-summary-2017'
  /** WSO2 summary.csv, 2019 layout (29 columns). */
  | 'wso2-summary-2019'
  /** WSO2 summary.csv, 2020+ layout (311 columns, `Average Users in the System`). */
  | 'wso2-summary-2020'
  /** A gatebench run folder (results/<run-id>/). */
  | 'gatebench-run';

/** The machine a figure was measured on, stated beside every comparison. */
export interface MachineDescription {
  /** e.g. `c5.large (2 vCPU, 4 GiB), heap 2G` or `myhost: AMD EPYC 7763, 16 cores, Linux`. */
  description: string;
  /** AWS instance type when known (`c3.xlarge`, `c5.large`, `m5.large`). */
  instanceType?: string;
  /** null when the source does not say (e.g. a bare WSO2 summary.csv). */
  vCpus: number | null;
}

export interface BaselinePoint {
  api: Api;
  /** null when the source does not state it (the article figures). */
  concurrency: number | null;
  messageSizeBytes: number;
  sleepMs: number;
  throughputRps: number | null;
  avgLatencyMs: number | null;
  p90LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
  errorPct: number | null;
  machine: MachineDescription;
  /** Product version as the source states or infers it (`3.1.0`, `4.0.0 (inferred)`), when known. */
  version?: string;
  /** WSO2's own scenario name (`Passthrough`, `Mediation`, `Echo API`). */
  sourceScenario?: string;
  /** Where the figure comes from: repository, commit and path, or the article; file and row for imports. */
  source: string;
  /** True for figures read off a graph or prose (not a measured table row). */
  approximate: boolean;
}

export interface BaselineSet {
  /** Short label for tables, e.g. `WSO2 APIM 3.1.0 c5.large` or the run id. */
  label: string;
  /** The file or folder it was read from. */
  file: string;
  layout: BaselineLayout;
  points: BaselinePoint[];
}
