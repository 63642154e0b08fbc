/**
 * The vCPU table of the machines WSO2 tested on (data/baselines/machines.csv), so per-vCPU comparisons state
 * both counts. Pure parsing here; reading the shipped file is in load-baseline.ts.
 */
import { GatebenchError } from '../errors.js';
import type { RunManifest } from '../store/types.js';
import type { MachineDescription } from './types.js';
import { columnIndex, parseCsvTable, requiredNumber, textCell } from './csv-table.js';

export interface MachineType {
  instanceType: string;
  vCpus: number;
  memoryGib: number;
  source: string;
}

export function parseMachineTable(text: string, file: string): Map<string, MachineType> {
  const table = parseCsvTable(text, file);
  const index = columnIndex(table, 'the machine table', ['instance_type', 'vcpus', 'memory_gib', 'source']);
  const machines = new Map<string, MachineType>();
  table.rows.forEach((row, i) => {
    const instanceType = textCell(row, index, 'instance_type');
    machines.set(instanceType, {
      instanceType,
      vCpus: requiredNumber(table, row, i + 2, index, 'vcpus'),
      memoryGib: requiredNumber(table, row, i + 2, index, 'memory_gib'),
      source: textCell(row, index, 'source'),
    });
  });
  return machines;
}

/** `c5.large (2 vCPU, 4 GiB), heap 2G`; an unknown type is an error naming the known ones. */
export function describeInstance(machines: Map<string, MachineType>, instanceType: string, heap?: string): MachineDescription {
  const machine = machines.get(instanceType);
  if (!machine) {
    throw new GatebenchError('GB_INPUT_INVALID', `unknown machine type "${instanceType}"`, {
      hint: `known types (data/baselines/machines.csv): ${[...machines.keys()].join(', ')}`,
    });
  }
  return {
    description: `${instanceType} (${machine.vCpus} vCPU, ${machine.memoryGib} GiB)${heap ? `, heap ${heap}` : ''}`,
    instanceType,
    vCpus: machine.vCpus,
  };
}

/**
 * Our own machine, from the run manifest: the load generator's host (cores = os.availableParallelism()) and
 * the gateway as the run described it. The vCPU count used per vCPU is this host's: right when the gateway
 * ran on it (embedded, nginx), only an assumption for an external gateway, and the description says which.
 */
export function describeRunMachine(manifest: RunManifest): MachineDescription {
  const host = manifest.host;
  const memoryGib = host.memoryBytes / 1024 ** 3;
  const external = manifest.scenario.target.kind === 'external';
  // A gateway pinned to its own CPUs is a machine of that many vCPUs: per-vCPU figures divide by its count.
  const gatewayCpus = manifest.placement?.gatewayCpuCount ?? null;
  const pinned = gatewayCpus === null ? '' : ` (pinned to ${gatewayCpus} of them: CPU ${manifest.placement?.gateway}; per-vCPU figures use ${gatewayCpus})`;
  return {
    description:
      `${host.hostname}: ${host.cpuModel}, ${host.cores} logical CPUs, ${memoryGib.toFixed(1)} GiB, ${host.os}; ` +
      `gateway: ${manifest.targetDescription}${pinned}` +
      (external ? ' (external: its own CPU count is not known to gatebench; per-vCPU figures use this host\'s)' : ''),
    vCpus: gatewayCpus ?? host.cores,
  };
}
