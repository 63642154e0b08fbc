/**
 * I/O for baselines: the shipped WSO2 figures in data/baselines/ (found via packageRoot()), and
 * `--baseline FILE_OR_RUN`: a run folder, a shipped-layout CSV, or a WSO2 summary.csv in any of its layouts.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GatebenchError } from '../errors.js';
import { packageRoot } from '../runtime/version.js';
import { readRun } from '../store/read-run.js';
import type { Api } from '../scenario/types.js';
import type { BaselineSet } from './types.js';
import { parseCsvTable } from './csv-table.js';
import { baselineFromRun } from './from-run.js';
import { describeInstance, parseMachineTable, type MachineType } from './machines.js';
import { isShippedLayout, parseShippedCsv } from './shipped-csv.js';
import { detectWso2Layout, parseWso2Summary } from './wso2-summary.js';

/**
 * The shipped per-file baselines. all_runs_combined.csv repeats them, and the deployment-pattern file is an
 * average over a two-instance pattern with no backend sleep, so neither is loaded as points.
 */
export const SHIPPED_BASELINE_FILES = [
  'wso2-apim-2.1.0_c3.xlarge_4G_article-figures.csv',
  'wso2-apim-2.x_c3.xlarge_4G_docs-prose-figures.csv',
  'wso2-apim-unversioned-2019-01_m5.large_4G_sleep-sweep.csv',
  'wso2-apim-3.0.0_m5.large_4G_sleep-sweep.csv',
  'wso2-apim-3.0.0-jdk11_c5.large_2G.csv',
  'wso2-apim-3.1.0_c5.large_2G_sleep-sweep.csv',
  'wso2-apim-3.2.0_c5.large_2G.csv',
  'wso2-apim-4.0.0_c5.large_2G.csv',
  'wso2-apim-4.1.0_c5.large_2G.csv',
  'wso2-apim-4.2.0_c5.large_2G.csv',
  'wso2-apim-4.3.0_c5.large_2G.csv',
  'wso2-apim-4.4.0_c5.large_2G.csv',
  'wso2-apim-4.5.0_c5.large_2G.csv',
  'wso2-apim-4.6.0_c5.large_2G.csv',
] as const;

export function baselinesDir(): string {
  return join(packageRoot(), 'data', 'baselines');
}

export function loadMachineTable(): Map<string, MachineType> {
  const file = join(baselinesDir(), 'machines.csv');
  return parseMachineTable(readFileSync(file, 'utf8'), file);
}

/** Every shipped WSO2 baseline file, parsed. `only` picks files whose name contains any of the given strings. */
export function loadShippedBaselines(only?: readonly string[]): BaselineSet[] {
  const names = SHIPPED_BASELINE_FILES.filter((name) => !only || only.some((part) => name.includes(part)));
  return names.map((name) => {
    const file = join(baselinesDir(), name);
    const set = parseShippedCsv(parseCsvTable(readFileSync(file, 'utf8'), file));
    const approximate = set.points.every((point) => point.approximate);
    return { ...set, file: `data/baselines/${name}`, label: `${set.label}${approximate ? ' (approximate)' : ''}` };
  });
}

export interface LoadBaselineOptions {
  /** AWS instance type of the machine a WSO2 summary.csv came from, e.g. c5.large. */
  machineType?: string;
  heap?: string;
  /** For the 2017 layout, which has no scenario column. */
  api?: Api;
}

export async function loadBaseline(fileOrRun: string, options: LoadBaselineOptions = {}): Promise<BaselineSet> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(fileOrRun)).isDirectory();
  } catch {
    throw new GatebenchError('GB_INPUT_INVALID', `baseline ${fileOrRun} does not exist`, {
      hint: 'give a gatebench run folder, a data/baselines/*.csv file, or a WSO2 summary.csv',
    });
  }
  if (isDirectory) return baselineFromRun(await readRun(fileOrRun));
  const table = parseCsvTable(await readFile(fileOrRun, 'utf8'), fileOrRun);
  if (isShippedLayout(table.header)) return parseShippedCsv(table);
  if (detectWso2Layout(table.header) !== null) {
    const machine = options.machineType ? describeInstance(loadMachineTable(), options.machineType, options.heap) : undefined;
    return parseWso2Summary(table, { ...(machine ? { machine } : {}), ...(options.api ? { api: options.api } : {}) });
  }
  throw new GatebenchError('GB_INPUT_INVALID', `${fileOrRun}: unknown baseline layout (header starts "${table.header.slice(0, 4).join(',')}")`, {
    hint:
      'expected a gatebench baseline CSV (header "product,version,version_evidence,instance_type,..." as in data/baselines/), ' +
      'a WSO2 summary.csv (first column "Scenario Name", 2019 or 2020+ layout; or the 2017 "Message Size (Bytes),Sleep Time (ms),Concurrent Users,..."), ' +
      'or a gatebench run folder',
  });
}

/** `--baseline` values: `wso2` (every shipped WSO2 file), `wso2:<part>` (shipped files whose name contains it), or a path. */
export async function loadBaselines(values: readonly string[], options: LoadBaselineOptions = {}): Promise<BaselineSet[]> {
  const sets: BaselineSet[] = [];
  for (const value of values) {
    if (value === 'wso2') sets.push(...loadShippedBaselines());
    else if (value.startsWith('wso2:')) {
      const picked = loadShippedBaselines([value.slice('wso2:'.length)]);
      if (picked.length === 0) {
        throw new GatebenchError('GB_INPUT_INVALID', `--baseline ${value}: no shipped baseline file name contains "${value.slice(5)}"`, { hint: `shipped: ${SHIPPED_BASELINE_FILES.join(', ')}` });
      }
      sets.push(...picked);
    } else sets.push(await loadBaseline(value, options));
  }
  return sets;
}
