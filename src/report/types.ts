/**
 * The report contract. A report is built once from the store (a run folder) and the analysis into a
 * format-neutral `Report`: sections made of blocks (paragraphs, tables, charts) plus the rendered chart PNGs.
 * Each output format is a `Reporter` that only renders that model; nothing here re-runs load or reads the
 * engine. Re-rendering a report needs the run folder alone.
 */
import type { CapacityPlan } from '../analysis/capacity/types.js';
import type { RegressionReport } from '../analysis/regression/types.js';
import type { RunAnalysis } from '../analysis/run-analysis/types.js';
import type { DeploymentRecommendation } from '../analysis/capacity/deployment-pattern.js';
import type { TrustAssessment, TrustGrade } from '../analysis/trust/trust-grade.js';
import type { StoredRun } from '../store/types.js';

/** One chart rendered server-side to PNG. `file` is relative to the report folder (`charts/x.png`). */
export interface ChartImage {
  id: string;
  file: string;
  title: string;
  /** What the chart shows, in words (alt text and caption). */
  description: string;
  widthPx: number;
  heightPx: number;
  png: Uint8Array;
}

export type CellTone = 'pass' | 'fail' | 'warn' | 'muted';

export interface Cell {
  text: string;
  /** Numeric value the HTML table sorts by; text sorts otherwise. */
  sortValue?: number;
  tone?: CellTone;
}

export interface TableColumn {
  header: string;
  /** Right-align numbers. */
  numeric?: boolean;
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; items: Array<{ label: string; value: string; tone?: CellTone }> }
  | { kind: 'table'; caption?: string; columns: TableColumn[]; rows: Cell[][] }
  | { kind: 'charts'; chartIds: string[] }
  | { kind: 'preformatted'; text: string }
  /** The boxed answer at the top: labelled lines and the graded trust line. */
  | { kind: 'headline'; grade: TrustGrade; items: Array<{ label: string; value: string }>; trust: string };

/** What the headline answers with: the plan for the scenario's mix, its deployment pattern, and its grade. */
export interface Headline {
  /** The plan for capacity.mix; undefined when the scenario names no mix (or no capacity). */
  plan?: CapacityPlan;
  deployment?: DeploymentRecommendation;
  trust: TrustAssessment;
  /** Why there is no plan for the mix, when one was asked for and could not be made. */
  note?: string;
}

export interface Section {
  /** Stable anchor, e.g. `summary`, `baseline`, `capacity`. */
  id: string;
  title: string;
  blocks: Block[];
}

export interface Report {
  title: string;
  subtitle: string;
  gatebenchVersion: string;
  run: StoredRun;
  analysis: RunAnalysis;
  /** One plan per measured series (all traffic of that kind), when the scenario names capacity.targetRps. */
  capacity: CapacityPlan[];
  /** Why no capacity plan was made, when none was. */
  capacityNote?: string;
  regression: RegressionReport | null;
  headline: Headline;
  sections: Section[];
  charts: ChartImage[];
}

/** What a page renderer needs: a Report has it, and so has a side-by-side comparison of several runs. */
export interface Page {
  title: string;
  subtitle: string;
  gatebenchVersion: string;
  sections: Section[];
  charts: ChartImage[];
  /** The folder(s) the page was built from, for the footer. */
  source: string;
}

export interface Reporter {
  /** Registry key: `html`, `markdown`, `csv`, `json`. */
  readonly format: string;
  /** File written in the report folder, e.g. `index.html`. */
  readonly fileName: string;
  /** Optional: false when the report has nothing for this format (e.g. no regression without --compare). */
  appliesTo?(report: Report): boolean;
  render(report: Report): Promise<string | Uint8Array>;
}

export interface GenerateReportOptions {
  runDir: string;
  /** Default `reports/<run-id>` (relative to the current directory). */
  outDir?: string;
  /** Baseline files (WSO2 CSVs, summary.csv) or gatebench run folders; undefined: the shipped defaults; []: none. */
  baseline?: string[];
  /** An earlier run to judge this one against: it is the regression baseline, this run the candidate. */
  compareRunDir?: string;
}

export interface GeneratedReport {
  outDir: string;
  /** Paths relative to outDir, in write order. */
  files: string[];
}
