/** I/O around a run folder: read it, analyze it, and write analysis.json where asked. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
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

/**
 * Reads `dir` and analyzes it; writes `outDir/analysis.json` only when an output folder is given (a run folder,
 * committed examples included, is never rewritten behind the reader's back). Returns the file written, if any.
 */
export async function analyzeRunDir(dir: string, options: AnalyzeOptions = {}, outDir?: string): Promise<{ run: StoredRun; analysis: RunAnalysis; file?: string }> {
  const run = await readRun(dir);
  const analysis = analyzeRun(run, options);
  if (outDir === undefined) return { run, analysis };
  await mkdir(outDir, { recursive: true });
  return { run, analysis, file: await writeAnalysis(outDir, analysis) };
}
