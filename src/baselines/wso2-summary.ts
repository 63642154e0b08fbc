/**
 * WSO2's own summary.csv, in the three layouts its scripts have written (see data/baselines/README.md):
 *   2017  create-summary-csv.sh of the 2.1.0 era: `Message Size (Bytes), Sleep Time (ms), Concurrent Users, ...`
 *   2019  29 columns starting `Scenario Name, Heap Size, Concurrent Users, ...`
 *   2020+ 311 columns: the 2019 ones with `Average Users in the System`, then GC/sar/perf columns per host
 * The layout is told by the header; each is mapped to BaselinePoint. gatebench's own summary.csv uses the
 * 2020+ names and imports the same way.
 */
import { GatebenchError } from '../errors.js';
import type { Api } from '../scenario/types.js';
import type { BaselineLayout, BaselinePoint, BaselineSet, MachineDescription } from './types.js';
import { columnIndex, numberCell, requiredNumber, textCell, type CsvTable } from './csv-table.js';

export interface Wso2ImportOptions {
  /** WSO2's summary.csv does not record the instance type; give it to get per-vCPU comparisons. */
  machine?: MachineDescription;
  /** The 2017 layout has no scenario column: say which API the file measured. */
  api?: Api;
}

const NAMED_LAYOUT_COLUMNS = {
  scenario: 'Scenario Name',
  heap: 'Heap Size',
  users: 'Concurrent Users',
  size: 'Message Size (Bytes)',
  sleep: 'Back-end Service Delay (ms)',
  errorPct: 'Error %',
  throughput: 'Throughput (Requests/sec)',
  avg: 'Average Response Time (ms)',
  p90: '90th Percentile of Response Time (ms)',
  p95: '95th Percentile of Response Time (ms)',
  p99: '99th Percentile of Response Time (ms)',
} as const;

const LAYOUT_2017_COLUMNS = {
  users: 'Concurrent Users',
  size: 'Message Size (Bytes)',
  sleep: 'Sleep Time (ms)',
  errorPct: 'Error %',
  throughput: 'Throughput',
  avg: 'Average (ms)',
  p90: '90th Percentile (ms)',
  p95: '95th Percentile (ms)',
  p99: '99th Percentile (ms)',
} as const;

type Columns = Partial<Record<keyof typeof NAMED_LAYOUT_COLUMNS, string>> & (typeof LAYOUT_2017_COLUMNS | typeof NAMED_LAYOUT_COLUMNS);

/** The WSO2 layout this header belongs to, or null when it is none of them. */
export function detectWso2Layout(header: readonly string[]): Exclude<BaselineLayout, 'gatebench-baseline-csv' | 'gatebench-run'> | null {
  if (header[0] === 'Scenario Name') return header.includes('Average Users in the System') ? 'wso2-summary-2020' : 'wso2-summary-2019';
  if (header.includes('Message Size (Bytes)') && header.includes('Sleep Time (ms)')) return 'wso2-summary-2017';
  return null;
}

/** echo for WSO2's Passthrough/Echo/Direct names, mediation for Mediation/Transformation; anything else is an error. */
function apiFromScenarioName(name: string, where: string): Api {
  // gatebench's own summary.csv names its no-gateway series this way (src/store/summary-csv.ts).
  if (/^backend direct$/i.test(name.trim())) return 'direct';
  if (/passthrough|echo|direct/i.test(name)) return 'echo';
  if (/mediation|transformation/i.test(name)) return 'mediation';
  throw new GatebenchError('GB_INPUT_INVALID', `${where}: scenario "${name}" is neither a pass-through (Passthrough, Echo) nor a mediation (Mediation, Transformation) API`);
}

/** gatebench's goodput column in its own summary.csv (src/store/summary-csv.ts). */
const GOODPUT_COLUMN = 'Successful (Requests/sec)';

const UNKNOWN_MACHINE: MachineDescription = {
  description: 'unknown machine: WSO2 summary.csv does not record the instance type (give it with --baseline-machine)',
  vCpus: null,
};

export function parseWso2Summary(table: CsvTable, options: Wso2ImportOptions = {}): BaselineSet {
  const layout = detectWso2Layout(table.header);
  if (layout === null) {
    throw new GatebenchError('GB_INPUT_INVALID', `${table.file}: not a WSO2 summary.csv: its first column is "${table.header[0] ?? ''}"`, {
      hint: 'expected "Scenario Name" first (2019 and 2020+ layouts) or the 2017 columns "Message Size (Bytes), Sleep Time (ms), Concurrent Users, ..."',
    });
  }
  const columns: Columns = layout === 'wso2-summary-2017' ? LAYOUT_2017_COLUMNS : NAMED_LAYOUT_COLUMNS;
  const layoutName = `a WSO2 summary.csv (${layout.slice('wso2-summary-'.length)} layout)`;
  const required = Object.entries(columns).filter(([key]) => key !== 'heap').map(([, name]) => name);
  const index = columnIndex(table, layoutName, required, columns.heap ? [columns.heap] : []);
  if (layout === 'wso2-summary-2017' && options.api === undefined) {
    throw new GatebenchError('GB_INPUT_INVALID', `${table.file}: the 2017 summary.csv layout has no scenario column, so the API is unknown`, {
      hint: 'say which API it measured: --baseline-api echo or --baseline-api mediation',
    });
  }
  const machine = options.machine ?? UNKNOWN_MACHINE;
  const points: BaselinePoint[] = table.rows.map((row, i) => {
    const line = i + 2;
    const number = (column: string) => numberCell(table, row, line, index, column);
    const scenario = columns.scenario ? textCell(row, index, columns.scenario) : '';
    const heap = columns.heap ? textCell(row, index, columns.heap) : '';
    return {
      api: options.api ?? apiFromScenarioName(scenario, `${table.file}:${line}`),
      concurrency: requiredNumber(table, row, line, index, columns.users),
      messageSizeBytes: requiredNumber(table, row, line, index, columns.size),
      sleepMs: requiredNumber(table, row, line, index, columns.sleep),
      // A gatebench summary.csv also has goodput; capacity figures use it (WSO2's own column counts failed samples too).
      throughputRps: index.has(GOODPUT_COLUMN) ? number(GOODPUT_COLUMN) : number(columns.throughput),
      avgLatencyMs: number(columns.avg),
      p90LatencyMs: number(columns.p90),
      p95LatencyMs: number(columns.p95),
      p99LatencyMs: number(columns.p99),
      errorPct: number(columns.errorPct),
      machine: heap ? { ...machine, description: `${machine.description}, heap ${heap}` } : machine,
      ...(scenario ? { sourceScenario: scenario } : {}),
      source: `${table.file}:${line}`,
      approximate: false,
    };
  });
  return { label: `WSO2 summary.csv (${layout.slice('wso2-summary-'.length)}) ${table.file.split('/').pop()}`, file: table.file, layout, points };
}
