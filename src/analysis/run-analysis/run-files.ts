/** I/O around a run folder: read it, analyze it, and write analysis.json beside the points. */
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { readRun } from '../../store/read-run.js';
import type { StoredRun } from '../../store/types.js';
import type { AnalyzeOptions, RunAnalysis } from './types.js';
import { analyzeRun } from './analyze-run.js';

export const ANALYSIS_FILE = 'analysis.json';

export async function writeAnalysis(dir: string, analysis: RunAnalysis): Promise<string> {
  const file = join(dir, ANALYSIS_FILE);
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(analysis, null, 2) + '\n');
  await rename(temporary, file);
  return file;
}

/** Reads `dir`, analyzes it and writes `dir/analysis.json`; returns the run, the analysis and the file written. */
export async function analyzeRunDir(dir: string, options: AnalyzeOptions = {}): Promise<{ run: StoredRun; analysis: RunAnalysis; file: string }> {
  const run = await readRun(dir);
  const analysis = analyzeRun(run, options);
  return { run, analysis, file: await writeAnalysis(dir, analysis) };
}
