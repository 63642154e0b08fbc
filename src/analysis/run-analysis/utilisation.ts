/**
 * What each component used at a point, and the figure a planner multiplies by: requests per gateway
 * CPU-second. Read from StoredPoint.resources by role, so any source that records the gateway's CPU and memory
 * per point (the local /proc sampler today, remote telemetry later) feeds the same fields:
 *
 *   role `backend` or `backend-*`          -> backend
 *   role `monitored`                        -> the gateway when the target is external (monitor.pids names it)
 *   role ending in `+generator`             -> a gateway inside the generator's process: CPU not separable
 *   any other role (`gateway`, `gateway-*`, `nginx-*`, ...) -> gateway
 *
 * Several processes of one component (workers, master) are added up. A component with no entry is `null`:
 * its CPU is unknown, and the report says so rather than drawing nothing.
 */
import type { ProcessUsage, StoredPoint } from '../../store/types.js';
import type { ComponentLoad, PointUtilisation } from './types.js';

type Component = 'gateway' | 'backend' | 'shared' | 'other';

function componentOf(role: string, externalTarget: boolean): Component {
  if (role.endsWith('+generator')) return 'shared';
  if (role === 'backend' || role.startsWith('backend-')) return 'backend';
  if (role === 'monitored') return externalTarget ? 'gateway' : 'other';
  return 'gateway';
}

function sum(usages: readonly ProcessUsage[]): ComponentLoad | null {
  if (usages.length === 0) return null;
  return {
    cpuPercent: usages.reduce((total, usage) => total + usage.cpuPct, 0),
    rssBytes: usages.reduce((total, usage) => total + usage.rssBytesMax, 0),
    processes: usages.length,
    source: [...new Set(usages.map((usage) => usage.role))].join(', '),
  };
}

export function pointUtilisation(stored: StoredPoint, externalTarget: boolean): PointUtilisation {
  const by = (component: Component) => stored.resources.filter((usage) => componentOf(usage.role, externalTarget) === component);
  const gateway = sum(by('gateway'));
  const shared = by('shared').length > 0;
  const generator = stored.result.generator;
  const perCpuSecond = gateway !== null && gateway.cpuPercent > 0 && !shared ? stored.result.throughputRps / (gateway.cpuPercent / 100) : null;
  return {
    gateway,
    backend: sum(by('backend')),
    generator: { cpuPercent: generator.cpuPct, rssBytes: generator.rssBytesMax, processes: 1, source: 'generator' },
    requestsPerGatewayCpuSecond: perCpuSecond,
    ...(gateway === null ? { gatewayUnknown: shared ? 'the gateway ran inside the load generator\'s process: its CPU cannot be told apart' : 'no CPU figure for the gateway: gatebench did not start it and no telemetry or monitor.pids named it' } : {}),
  };
}
