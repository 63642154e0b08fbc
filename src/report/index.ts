/**
 * Public entry of the report stage: `generateReport` reads a run folder (and optional baselines and an
 * earlier run), builds the Report once, and writes every format from the registry plus charts/*.png.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BaselineSet } from '../analysis/types.js';
import { loadBaselines, loadShippedBaselines, type LoadBaselineOptions } from '../baselines/load-baseline.js';
import { readRun } from '../store/read-run.js';
import { buildReport } from './build-report.js';
import { allReporters } from './registry.js';
import type { GeneratedReport, GenerateReportOptions, Report } from './types.js';
import { buildComparison, type ComparisonReport } from './comparison/build-comparison.js';
import { renderHtmlPage } from './html/html-reporter.js';
import { renderMarkdownPage } from './markdown-reporter.js';

export type * from './types.js';
export { buildReport } from './build-report.js';
export { allReporters, reporterFor } from './registry.js';
export { buildComparison, type ComparisonReport } from './comparison/build-comparison.js';

/** Shipped baselines used when none is named: the article's c3.xlarge figures and the latest WSO2 table. */
export const DEFAULT_BASELINES = ['2.1.0_c3.xlarge_4G_article', '4.6.0_c5.large'] as const;

/**
 * `baselineOptions` is how baseline files are read (`--baseline-machine`, `--baseline-api`), as for
 * `analyze` and `plan`.
 */
export async function generateReport(options: GenerateReportOptions, baselineOptions: LoadBaselineOptions = {}): Promise<GeneratedReport> {
  const run = await readRun(options.runDir);
  const baselines = await resolveBaselines(options.baseline, baselineOptions);
  const compareRun = options.compareRunDir === undefined ? undefined : await readRun(options.compareRunDir);
  const report = buildReport({ run, baselines, ...(compareRun === undefined ? {} : { compareRun }) });
  const outDir = resolve(options.outDir ?? join('reports', run.manifest.runId));
  return { outDir, files: await writeReport(report, outDir) };
}

/** Writes charts first, then every applicable format; returns paths relative to outDir. */
export async function writeReport(report: Report, outDir: string): Promise<string[]> {
  await mkdir(join(outDir, 'charts'), { recursive: true });
  const files: string[] = [];
  for (const chart of report.charts) {
    await writeFile(join(outDir, chart.file), chart.png);
    files.push(chart.file);
  }
  for (const reporter of allReporters()) {
    if (reporter.appliesTo !== undefined && !reporter.appliesTo(report)) continue;
    await writeFile(join(outDir, reporter.fileName), await reporter.render(report));
    files.push(reporter.fileName);
  }
  return files;
}

/**
 * Named baselines, read as `analyze` and `plan` read them (files, run folders, "wso2", "wso2:<part>");
 * none named (undefined) means the shipped defaults, an empty list means no baseline at all.
 */
async function resolveBaselines(named: string[] | undefined, options: LoadBaselineOptions): Promise<BaselineSet[]> {
  if (named !== undefined) return loadBaselines(named, options);
  return loadShippedBaselines(DEFAULT_BASELINES);
}

/**
 * `gatebench report runA runB [runC...] --out DIR`: one side-by-side report of several runs (index.html,
 * report.md, charts/*.png, verdicts.json). Run 1 is the reference every ratio and verdict is taken against.
 */
export async function generateComparisonReport(options: { runDirs: string[]; outDir: string }): Promise<GeneratedReport & { comparison: ComparisonReport }> {
  const runs = [];
  for (const dir of options.runDirs) runs.push(await readRun(dir));
  const comparison = buildComparison(runs);
  const outDir = resolve(options.outDir);
  await mkdir(join(outDir, 'charts'), { recursive: true });
  const files: string[] = [];
  for (const chart of comparison.charts) {
    await writeFile(join(outDir, chart.file), chart.png);
    files.push(chart.file);
  }
  const pages: Array<[string, string]> = [
    ['index.html', renderHtmlPage(comparison)],
    ['report.md', renderMarkdownPage(comparison)],
    ['verdicts.json', `${JSON.stringify(comparison.verdicts, null, 2)}\n`],
  ];
  for (const [name, content] of pages) {
    await writeFile(join(outDir, name), content);
    files.push(name);
  }
  return { outDir, files, comparison };
}
