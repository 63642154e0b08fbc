import { stringify } from 'csv-stringify/sync';
import { SCHEMA_VERSIONS } from '../results/versions.js';
import { summaryCsvRows } from '../store/summary-csv.js';
import type { Report, Reporter } from './types.js';

/**
 * The machine-readable outputs. summary.csv is the store's own WSO2-compatible table (same function as the
 * run folder's summary.csv), analysis.json is the RunAnalysis exactly as analyzeRun returned it, and the
 * capacity plans and regression verdicts get their own files when they exist.
 */
export const csvReporter: Reporter = {
  format: 'csv',
  fileName: 'summary.csv',
  async render(report: Report): Promise<string> {
    return stringify(summaryCsvRows(report.run.points, report.run.manifest.placement));
  },
};

export const jsonReporter: Reporter = {
  format: 'json',
  fileName: 'analysis.json',
  async render(report: Report): Promise<string> {
    return `${JSON.stringify(report.analysis, null, 2)}\n`;
  },
};

export const capacityJsonReporter: Reporter = {
  format: 'capacity-json',
  fileName: 'capacity.json',
  appliesTo: (report) => report.capacity.length > 0,
  async render(report: Report): Promise<string> {
    // An object, not a bare array, so the file carries its schemaVersion like every file gatebench writes.
    return `${JSON.stringify({ schemaVersion: SCHEMA_VERSIONS.capacity, plans: report.capacity }, null, 2)}\n`;
  },
};

export const regressionJsonReporter: Reporter = {
  format: 'regression-json',
  fileName: 'regression.json',
  appliesTo: (report) => report.regression !== null,
  async render(report: Report): Promise<string> {
    return `${JSON.stringify(report.regression, null, 2)}\n`;
  },
};
