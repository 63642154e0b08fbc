import type { Command } from 'commander';
import { GatebenchError } from '../errors.js';
import type { Api } from '../scenario/types.js';

/** Bounds of a whole-number flag; either may be left out. */
export interface WholeRange {
  min?: number;
  max?: number;
}

function rangeText({ min, max }: WholeRange): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/**
 * A whole-number flag such as --port or --seed. Empty or blank text is refused (Number('') is 0, which would
 * quietly turn `--seed ''` into seed 0). Throws GB_INPUT_INVALID naming the flag, the allowed range and the text.
 */
export function wholeFlag(flag: string, text: string, range: WholeRange = {}): number {
  const value = Number(text);
  const { min, max } = range;
  if (text.trim() === '' || !Number.isInteger(value) || (min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new GatebenchError('GB_INPUT_INVALID', `${flag} must be a whole number${rangeText(range)}, got "${text}"`);
  }
  return value;
}

/** A flag read with a parser from scenario/units.ts; its error is reported under the flag's name. */
export function unitFlag<T>(flag: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    throw new GatebenchError('GB_INPUT_INVALID', `${flag}: ${(error as Error).message}`);
  }
}

/** --baseline and its two qualifiers, shared by analyze, report and plan. */
export interface BaselineFlags {
  baseline?: string[];
  baselineMachine?: string;
  baselineApi?: string;
}

export const addBaselineOptions = (command: Command): Command =>
  command
    .option('--baseline <file-or-run...>', 'baseline(s): a run folder, a data/baselines CSV, a WSO2 summary.csv, "wso2" (all shipped WSO2 figures) or "wso2:<part of a file name>"')
    .option('--baseline-machine <type>', 'instance type a WSO2 summary.csv came from (c3.xlarge, c5.large, m5.large), for per-vCPU figures')
    .option('--baseline-api <api>', 'echo or mediation: the API of a 2017-layout summary.csv, which does not record it');

export function baselineLoadOptions(flags: BaselineFlags): { machineType?: string; api?: Api } {
  if (flags.baselineApi !== undefined && flags.baselineApi !== 'echo' && flags.baselineApi !== 'mediation') {
    throw new GatebenchError('GB_INPUT_INVALID', `--baseline-api "${flags.baselineApi}": use echo or mediation`);
  }
  return {
    ...(flags.baselineMachine ? { machineType: flags.baselineMachine } : {}),
    ...(flags.baselineApi ? { api: flags.baselineApi as Api } : {}),
  };
}
