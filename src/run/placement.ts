import { GatebenchError } from '../errors.js';
import type { CpuShare, PlacementSpec } from '../scenario/types.js';
import { formatCpuList } from '../scenario/units.js';
import type { CpuPlacement } from '../store/types.js';
import type { LocalProcess } from '../targets/types.js';
import { allowedCpus, setCpuAffinity } from './cpu-affinity.js';

export type PlacementRole = 'gateway' | 'backend' | 'generator';

/** The CPUs chosen for each role; a role left out is not pinned. */
export interface CpuPlan {
  mode: CpuPlacement['mode'];
  hostCpus: number[];
  cpus: Partial<Record<PlacementRole, number[]>>;
  note?: string;
}

const ROLES: PlacementRole[] = ['gateway', 'backend', 'generator'];

/**
 * Chooses CPUs from `hostCpus` (the CPUs gatebench may use). Pure.
 * - `auto`: the gateway takes the upper half (at least one CPU), the generator and the backend share the rest;
 *   with fewer than 2 CPUs nothing is pinned.
 * - `pinned`: CPU lists are taken as written (they may overlap); counts are taken from the highest CPUs no list
 *   names, in the order gateway, backend, generator; a role left out runs on the CPUs no role was given.
 * `started` says which roles run locally (an external gateway or backend cannot be placed).
 */
export function planPlacement(spec: PlacementSpec, hostCpus: readonly number[], started: Record<PlacementRole, boolean>): CpuPlan {
  const host = [...hostCpus].sort((a, b) => a - b);
  const off = (note: string): CpuPlan => ({ mode: 'off', hostCpus: host, cpus: {}, note });
  if (spec.kind === 'off') return off('placement: off; the generator, gateway and backend share every CPU unpinned');
  if (spec.kind === 'auto') {
    if (!started.gateway) return off('placement: auto pins nothing for a gateway gatebench did not start');
    if (host.length < 2) return off(`placement: auto needs 2 CPUs or more to give the gateway its own; this run may use ${host.length}`);
    const gatewayCount = Math.floor(host.length / 2);
    const rest = host.slice(0, host.length - gatewayCount);
    return only({ mode: 'auto', hostCpus: host, cpus: { gateway: host.slice(host.length - gatewayCount), backend: rest, generator: rest } }, started);
  }
  const chosen: Partial<Record<PlacementRole, number[]>> = {};
  const named = new Set<number>();
  for (const role of ROLES) {
    const share = spec[role];
    if (share === undefined || !('cpus' in share)) continue;
    const outside = share.cpus.filter((cpu) => !host.includes(cpu));
    if (outside.length > 0) {
      throw new GatebenchError('GB_CONFIG_INVALID', `placement.${role}: CPU ${formatCpuList(outside)} is not one this run may use (${formatCpuList(host)})`, {
        hint: `choose CPUs from ${formatCpuList(host)}, or give a number of CPUs (e.g. ${role}: 1)`,
      });
    }
    chosen[role] = share.cpus;
    for (const cpu of share.cpus) named.add(cpu);
  }
  let free = host.filter((cpu) => !named.has(cpu));
  for (const role of ROLES) {
    const share: CpuShare | undefined = spec[role];
    if (share === undefined || !('count' in share)) continue;
    if (share.count > free.length) {
      throw new GatebenchError('GB_CONFIG_INVALID', `placement.${role}: ${share.count} CPUs asked for, but only ${free.length} of this run's ${host.length} (${formatCpuList(host)}) are left`, {
        hint: `ask for ${Math.max(1, free.length)} or fewer, or run on a larger host (the ${role} needs its CPUs to itself)`,
      });
    }
    chosen[role] = free.slice(free.length - share.count);
    free = free.slice(0, free.length - share.count);
  }
  const unplaced = ROLES.filter((role) => chosen[role] === undefined && started[role]);
  if (unplaced.length > 0) {
    if (free.length === 0) {
      throw new GatebenchError('GB_CONFIG_INVALID', `placement: no CPU is left for the ${unplaced.join(' and ')} on this run's ${host.length} CPUs (${formatCpuList(host)})`, {
        hint: `give the ${unplaced.join(' and ')} CPUs explicitly (lists may overlap), e.g. ${unplaced[0]}: "${host[0]}"`,
      });
    }
    for (const role of unplaced) chosen[role] = free;
  }
  return only({ mode: 'pinned', hostCpus: host, cpus: chosen }, started);
}

/** Leaves out roles that do not run locally. */
function only(plan: CpuPlan, started: Record<PlacementRole, boolean>): CpuPlan {
  const cpus: CpuPlan['cpus'] = {};
  for (const role of ROLES) if (started[role] && plan.cpus[role] !== undefined) cpus[role] = plan.cpus[role];
  return { ...plan, cpus };
}

/** What is placed: the processes the gateway and backend run, and this process (the load generator). */
export interface PlacedProcesses {
  gateway: LocalProcess[];
  backend: LocalProcess[];
}

export interface AppliedPlacement {
  record: CpuPlacement;
  /** Gives this process back the CPUs it had (the generator's pinning must not outlive the run). */
  restore(): Promise<void>;
}

/**
 * Resolves the scenario's placement on this host and pins each process with taskset; then reads every pinned
 * process's CPU list back from the kernel for the manifest. The gateway's and backend's processes are pinned
 * by pid; the generator is this process with all its threads (the load workers it starts later inherit it).
 */
export async function applyPlacement(spec: PlacementSpec, processes: PlacedProcesses): Promise<AppliedPlacement> {
  const original = allowedCpus();
  const plan = planPlacement(spec, original, { gateway: processes.gateway.length > 0, backend: processes.backend.length > 0, generator: true });
  const targets: Array<{ role: string; pid: number; cpus: number[] }> = [];
  const add = (list: LocalProcess[], cpus: number[] | undefined): void => {
    if (cpus !== undefined) for (const entry of list) targets.push({ role: entry.role, pid: entry.pid, cpus });
  };
  add(processes.gateway, plan.cpus.gateway);
  add(processes.backend, plan.cpus.backend);
  add([{ role: 'generator', pid: process.pid }], plan.cpus.generator);
  let pinnedSelf = false;
  const restore = async (): Promise<void> => {
    if (pinnedSelf) await setCpuAffinity(process.pid, original);
  };
  try {
    for (const target of targets) {
      await setCpuAffinity(target.pid, target.cpus);
      if (target.pid === process.pid) pinnedSelf = true;
    }
  } catch (error) {
    await restore().catch(() => undefined);
    throw error;
  }
  const record: CpuPlacement = {
    mode: plan.mode,
    hostCpus: formatCpuList(plan.hostCpus),
    ...Object.fromEntries(ROLES.filter((role) => plan.cpus[role] !== undefined).map((role) => [role, formatCpuList(plan.cpus[role]!)])),
    gatewayCpuCount: plan.cpus.gateway?.length ?? null,
    processes: targets.map((target) => ({ role: target.role, pid: target.pid, cpus: formatCpuList(allowedCpus(target.pid)) })),
    ...(plan.note === undefined ? {} : { note: plan.note }),
  };
  return { record, restore };
}
