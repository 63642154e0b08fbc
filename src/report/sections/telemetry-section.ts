import type { EndpointTelemetry, StoredPoint } from '../../store/types.js';
import type { Block, Cell, Section } from '../types.js';
import { formatBytes, formatPct, formatRps, none, num, text } from './format.js';
import type { ReportData } from './report-data.js';

/**
 * What the `monitor.prometheus` endpoints said per point: CPU (total and per core), memory and network over the
 * measured window, scrape failures, and requests per gateway CPU-second (successful responses per second over
 * the gateway host's CPU in cores), the figure a capacity planner multiplies by. Undefined without telemetry.
 */
export function telemetrySection(data: ReportData): Section | undefined {
  const points = data.run.points.filter((stored) => (stored.telemetry ?? []).length > 0);
  if (points.length === 0) return undefined;
  const rows = points.flatMap((stored) => (stored.telemetry ?? []).map((entry) => row(stored, entry)));
  const failures = points.flatMap((stored) => (stored.telemetry ?? []).flatMap((entry) => entry.failures.map((failure) => `${stored.point.pointId}, ${entry.job} (${entry.url}): ${failure}`)));
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        'Scraped from each Prometheus endpoint at the start and end of every measured window; CPU and network are the counters\' ' +
        'change over the time between the two scrapes. CPU is in cores × 100 (200 % = two cores busy). A node_exporter describes ' +
        'the whole host, so on a host shared with the generator or the backend its CPU is theirs too, and requests per CPU-second ' +
        'is then a lower bound for the gateway alone.',
    },
    {
      kind: 'table',
      caption: 'Remote telemetry per point',
      columns: [
        { header: 'Point' },
        { header: 'Endpoint' },
        { header: 'Throughput', numeric: true },
        { header: 'CPU', numeric: true },
        { header: 'Per core' },
        { header: 'Memory', numeric: true },
        { header: 'Net in', numeric: true },
        { header: 'Net out', numeric: true },
        { header: 'Requests per CPU-second', numeric: true },
      ],
      rows,
    },
  ];
  if (failures.length > 0) {
    blocks.push({ kind: 'paragraph', text: `Missing figures (${failures.length}); the run went on without them:` });
    blocks.push({ kind: 'list', items: failures.slice(0, 50) });
  }
  return { id: 'telemetry', title: 'Remote telemetry', blocks };
}

function row(stored: StoredPoint, entry: EndpointTelemetry): Cell[] {
  const { result } = stored;
  const okRps = result.durationS > 0 ? (result.requests - result.errors) / result.durationS : 0;
  const cpu = entry.cpu;
  // Direct points skip the gateway: their requests are not the gateway's work.
  const perCpuSecond = entry.component === 'gateway' && stored.point.api !== 'direct' && cpu !== undefined && cpu.totalPct > 0 ? okRps / (cpu.totalPct / 100) : undefined;
  return [
    text(stored.point.pointId),
    text(`${entry.job} (${entry.component}, ${cpu?.source ?? 'no CPU'})`),
    num(okRps, formatRps(okRps)),
    cpu === undefined ? none() : num(cpu.totalPct, formatPct(cpu.totalPct)),
    cpu?.perCorePct === undefined ? none() : text(cpu.perCorePct.map((pct) => pct.toFixed(0)).join(' / ')),
    entry.memoryBytes === undefined ? none() : num(entry.memoryBytes, formatBytes(entry.memoryBytes)),
    entry.network === undefined ? none() : num(entry.network.receiveBytesPerSec, byteRate(entry.network.receiveBytesPerSec)),
    entry.network === undefined ? none() : num(entry.network.transmitBytesPerSec, byteRate(entry.network.transmitBytesPerSec)),
    perCpuSecond === undefined ? none() : num(perCpuSecond, Math.round(perCpuSecond).toLocaleString('en-US')),
  ];
}

function byteRate(bytesPerSec: number): string {
  const mib = bytesPerSec / 1024 ** 2;
  return mib >= 1 ? `${mib.toFixed(1)} MiB/s` : `${(bytesPerSec / 1024).toFixed(1)} KiB/s`;
}
