import { formatSize } from '../../scenario/units.js';
import { gatewayOverhead, type GatewayOverheadRow } from '../../analysis/run-analysis/gateway-overhead.js';
import type { Block, Section } from '../types.js';
import { formatMs, formatPct, formatRps, num, sizeCell, sleepCell, text } from './format.js';
import type { ReportData } from './report-data.js';

/**
 * What the gateway adds: each gateway point next to the same point sent straight to the backend (the scenario's
 * `direct` series). Undefined when the run has no direct series, so the report leaves the section out.
 */
export function overheadSection(data: ReportData): Section | undefined {
  const rows = gatewayOverhead(data.run.points);
  if (rows.length === 0) return undefined;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        'The same points were also sent straight to the backend, skipping the gateway (the direct series). The difference is ' +
        'what the gateway itself costs on this set-up: extra latency (gateway minus direct, at p50 and p99) and throughput lost ' +
        '(1 − gateway/direct, successful responses only). Both sides share the generator and the backend, so their limits cancel ' +
        'out; a negative figure means the two were within noise of each other.',
    },
    {
      kind: 'facts',
      items: headline(rows),
    },
    {
      kind: 'table',
      caption: 'What the gateway adds, per point (repetitions averaged)',
      columns: [
        { header: 'API' },
        { header: 'Size', numeric: true },
        { header: 'Sleep', numeric: true },
        { header: 'Load', numeric: true },
        { header: 'p50 gateway', numeric: true },
        { header: 'p50 direct', numeric: true },
        { header: 'Added p50', numeric: true },
        { header: 'p99 gateway', numeric: true },
        { header: 'p99 direct', numeric: true },
        { header: 'Added p99', numeric: true },
        { header: 'Throughput gateway', numeric: true },
        { header: 'Throughput direct', numeric: true },
        { header: 'Throughput lost', numeric: true },
        { header: 'Caveats' },
      ],
      rows: rows.map((row) => [
        text(row.api),
        sizeCell(row.messageSizeBytes),
        sleepCell(row.backendSleepMs),
        num(row.concurrency ?? row.rateRps ?? 0, row.level),
        num(row.gatewayP50Ms, formatMs(row.gatewayP50Ms)),
        num(row.directP50Ms, formatMs(row.directP50Ms)),
        num(row.addedP50Ms, signedMs(row.addedP50Ms)),
        num(row.gatewayP99Ms, formatMs(row.gatewayP99Ms)),
        num(row.directP99Ms, formatMs(row.directP99Ms)),
        num(row.addedP99Ms, signedMs(row.addedP99Ms)),
        num(row.gatewayRps, formatRps(row.gatewayRps)),
        num(row.directRps, formatRps(row.directRps)),
        num(row.throughputLostPct, formatPct(row.throughputLostPct), row.caveats.length > 0 ? 'warn' : undefined),
        text(row.caveats.join('; ') || '—', row.caveats.length > 0 ? 'warn' : 'muted'),
      ]),
    },
  ];
  return { id: 'gateway-overhead', title: 'What the gateway adds', blocks };
}

function signedMs(ms: number): string {
  return `${ms >= 0 ? '+' : '−'}${formatMs(Math.abs(ms))}`;
}

/** The heaviest measured load per API: the figure a reader looks for first. */
function headline(rows: GatewayOverheadRow[]): Array<{ label: string; value: string }> {
  const items: Array<{ label: string; value: string }> = [];
  for (const api of ['echo', 'mediation'] as const) {
    const ofApi = rows.filter((row) => row.api === api);
    if (ofApi.length === 0) continue;
    const top = ofApi.reduce((best, row) => ((row.concurrency ?? row.rateRps ?? 0) >= (best.concurrency ?? best.rateRps ?? 0) ? row : best));
    items.push({
      label: `${api} at ${top.level}, ${formatSize(top.messageSizeBytes)}, sleep ${top.backendSleepMs} ms`,
      value: `p50 ${signedMs(top.addedP50Ms)}, p99 ${signedMs(top.addedP99Ms)}, throughput lost ${formatPct(top.throughputLostPct)}`,
    });
  }
  return items;
}
