import type { Block, Cell, Section } from '../types.js';
import { formatPct, formatRps, none, num, seriesName, text } from './format.js';
import { chartIds, type ReportData } from './report-data.js';

/**
 * What each component used, and requests per gateway CPU-second: the figure a planner multiplies by (a gateway
 * host of k cores at u % target utilisation serves about k × u × this). When the gateway's CPU is unknown the
 * section says so and why, instead of leaving the figure out.
 */
export function utilisationSection(data: ReportData): Section {
  const blocks: Block[] = [];
  const unknown = data.analysis.points.filter((point) => point.utilisation.gateway === null);
  if (unknown.length > 0) {
    const reasons = [...new Set(unknown.map((point) => point.utilisation.gatewayUnknown ?? 'no CPU figure for the gateway'))];
    blocks.push({
      kind: 'paragraph',
      text:
        `The gateway's CPU is unknown at ${unknown.length} of ${data.analysis.points.length} points: ${reasons.join('; ')}. ` +
        'Requests per gateway CPU-second cannot be given there; name the gateway\'s process with monitor.pids, or feed its CPU from telemetry.',
    });
  }
  blocks.push({ kind: 'charts', chartIds: chartIds(data, 'utilisation-') });
  const rows = data.analysis.series.map((series): Cell[] => {
    const peak = series.peakRequestsPerGatewayCpuSecond;
    const at = peak === null ? undefined : data.analysis.points.find((point) => point.pointId === peak.pointId);
    const gatewayCpu = at?.utilisation.gateway?.cpuPercent;
    return [
      text(seriesName(series)),
      peak === null ? none('unknown') : num(peak.value, formatRps(peak.value).replace('req/s', 'req per CPU-s')),
      at === undefined ? none() : text(`${at.concurrency ?? at.rateRps} ${at.concurrency === undefined ? 'req/s offered' : 'users'}`),
      at === undefined ? none() : num(at.throughputRps, formatRps(at.throughputRps)),
      gatewayCpu === undefined ? none() : num(gatewayCpu, formatPct(gatewayCpu, 0)),
    ];
  });
  blocks.push({
    kind: 'table',
    caption: 'Peak requests per gateway CPU-second per series (throughput ÷ gateway CPU in cores, over points left in the fits)',
    columns: [{ header: 'Series' }, { header: 'Peak req per gateway CPU-second', numeric: true }, { header: 'At' }, { header: 'Throughput there', numeric: true }, { header: 'Gateway CPU there', numeric: true }],
    rows,
  });
  return { id: 'utilisation', title: 'Utilisation', blocks };
}
