/**
 * The curated WSO2 baseline CSVs shipped in data/baselines/ (one common header, documented in its README):
 * figures copied character for character from WSO2's summary.csv files and docs, with instance type, vCPUs,
 * heap and source on every row.
 */
import { GatebenchError } from '../errors.js';
import type { Api } from '../scenario/types.js';
import type { BaselinePoint, BaselineSet } from './types.js';
import { columnIndex, numberCell, requiredNumber, textCell, type CsvTable } from './csv-table.js';

const REQUIRED = ['version', 'version_evidence', 'instance_type', 'vcpus', 'instance_mem_gib', 'heap', 'scenario', 'message_size_bytes', 'backend_sleep_ms', 'concurrent_users', 'throughput_rps', 'p99_latency_ms', 'error_pct', 'source'];

export function isShippedLayout(header: readonly string[]): boolean {
  return header.includes('product') && header.includes('instance_type') && header.includes('throughput_rps');
}

export function parseShippedCsv(table: CsvTable, label?: string): BaselineSet {
  const index = columnIndex(table, 'a gatebench baseline CSV (data/baselines/README.md)', REQUIRED);
  const points: BaselinePoint[] = table.rows.map((row, i) => {
    const line = i + 2;
    const number = (column: string) => numberCell(table, row, line, index, column);
    const scenario = textCell(row, index, 'scenario');
    if (scenario !== 'echo' && scenario !== 'mediation') {
      throw new GatebenchError('GB_INPUT_INVALID', `${table.file}:${line}: scenario "${scenario}" is neither echo nor mediation`);
    }
    const instanceType = textCell(row, index, 'instance_type');
    const vCpus = number('vcpus');
    const memory = textCell(row, index, 'instance_mem_gib');
    const heap = textCell(row, index, 'heap');
    const evidence = textCell(row, index, 'version_evidence');
    return {
      api: scenario as Api,
      concurrency: number('concurrent_users'),
      messageSizeBytes: requiredNumber(table, row, line, index, 'message_size_bytes'),
      sleepMs: requiredNumber(table, row, line, index, 'backend_sleep_ms'),
      throughputRps: number('throughput_rps'),
      avgLatencyMs: number('avg_latency_ms'),
      p90LatencyMs: number('p90_latency_ms'),
      p95LatencyMs: number('p95_latency_ms'),
      p99LatencyMs: number('p99_latency_ms'),
      errorPct: number('error_pct'),
      machine: {
        description: `${instanceType} (${vCpus ?? '?'} vCPU, ${memory || '?'} GiB)${heap ? `, heap ${heap}` : ''}`,
        instanceType,
        vCpus,
      },
      version: textCell(row, index, 'version'),
      sourceScenario: textCell(row, index, 'source_scenario'),
      source: textCell(row, index, 'source'),
      approximate: evidence.toLowerCase().startsWith('approximate') || textCell(row, index, 'source').includes('prose'),
    };
  });
  const first = points[0];
  return {
    label: label ?? (first ? shippedLabel(first) : table.file),
    file: table.file,
    layout: 'gatebench-baseline-csv',
    points,
  };
}

function shippedLabel(first: BaselinePoint): string {
  const version = !first.version || first.version === 'not stated' ? '(version not stated)' : first.version;
  return `WSO2 APIM ${version} ${first.machine.instanceType ?? ''}`.trim();
}
