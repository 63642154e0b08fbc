import type { PrometheusEndpoint } from '../../scenario/types.js';
import type { EndpointTelemetry, ProcessUsage } from '../../store/types.js';
import { scrape, type ScrapeOutcome, type ScrapeSample } from './prometheus-scrape.js';

/**
 * Remote telemetry over one measured window: every endpoint is scraped when the window opens and when it
 * closes, and the counters' change over the time between the two scrapes gives CPU, network and memory.
 * begin() and end() only start the scrapes (the window opens and closes on the driver's ticks, which must not
 * wait); result() awaits them. A failed scrape is recorded on the point and never stops the run.
 */
export interface TelemetryWindow {
  begin(): void;
  end(): void;
  result(): Promise<{ telemetry: EndpointTelemetry[]; resources: ProcessUsage[] }>;
}

export function openTelemetryWindow(endpoints: readonly PrometheusEndpoint[], scrapeOnce: (url: string) => Promise<ScrapeOutcome> = scrape): TelemetryWindow {
  let starts: Array<Promise<ScrapeOutcome>> | undefined;
  let ends: Array<Promise<ScrapeOutcome>> | undefined;
  return {
    begin() {
      starts ??= endpoints.map((endpoint) => scrapeOnce(endpoint.url));
    },
    end() {
      if (starts !== undefined) ends ??= endpoints.map((endpoint) => scrapeOnce(endpoint.url));
    },
    async result() {
      if (endpoints.length === 0) return { telemetry: [], resources: [] };
      const first = starts === undefined ? undefined : await Promise.all(starts);
      const last = ends === undefined ? undefined : await Promise.all(ends);
      const telemetry = endpoints.map((endpoint, index) => summarise(endpoint, first?.[index], last?.[index]));
      return { telemetry, resources: telemetry.flatMap(asProcessUsage) };
    },
  };
}

function summarise(endpoint: PrometheusEndpoint, first: ScrapeOutcome | undefined, last: ScrapeOutcome | undefined): EndpointTelemetry {
  const base = { url: endpoint.url, job: endpoint.job, component: endpoint.component };
  const failures: string[] = [];
  if (first === undefined || last === undefined) failures.push('the measured window never opened, so nothing was scraped');
  else {
    if (!first.ok) failures.push(`scrape at window start failed: ${first.error}`);
    if (!last.ok) failures.push(`scrape at window end failed: ${last.error}`);
  }
  if (first?.ok !== true || last?.ok !== true) return { ...base, windowS: 0, failures };
  const a = first.sample;
  const b = last.sample;
  const windowS = (b.atMs - a.atMs) / 1000;
  if (!(windowS > 0)) return { ...base, windowS: 0, failures: ['the two scrapes came back at the same moment'] };
  const telemetry: EndpointTelemetry = { ...base, windowS: round(windowS, 3), failures };
  const cpu = cpuOver(a, b, windowS);
  if (cpu !== undefined) telemetry.cpu = cpu;
  else failures.push('no CPU counter (node_cpu_seconds_total or process_cpu_seconds_total)');
  const memory = b.memoryUsedBytes ?? b.processResidentBytes;
  if (memory !== undefined) telemetry.memoryBytes = memory;
  if (a.networkReceiveBytes !== undefined && b.networkReceiveBytes !== undefined && a.networkTransmitBytes !== undefined && b.networkTransmitBytes !== undefined) {
    telemetry.network = {
      receiveBytesPerSec: round(Math.max(0, b.networkReceiveBytes - a.networkReceiveBytes) / windowS, 0),
      transmitBytesPerSec: round(Math.max(0, b.networkTransmitBytes - a.networkTransmitBytes) / windowS, 0),
    };
  }
  return telemetry;
}

/** Host CPU from node_exporter when present (busy = all modes but idle and iowait), else the process's own. */
function cpuOver(a: ScrapeSample, b: ScrapeSample, windowS: number): EndpointTelemetry['cpu'] {
  if (a.cpuByCore !== undefined && b.cpuByCore !== undefined) {
    const perCorePct: number[] = [];
    for (const [core, end] of b.cpuByCore) {
      const start = a.cpuByCore.get(core);
      if (start === undefined) continue;
      const total = end.totalS - start.totalS;
      const busy = total - (end.idleS - start.idleS);
      // Busy share of the time the core's counters advanced (which is the window on a healthy host).
      perCorePct.push(total > 0 ? round(clamp((busy / total) * 100), 1) : 0);
    }
    if (perCorePct.length > 0) return { source: 'node', totalPct: round(perCorePct.reduce((sum, pct) => sum + pct, 0), 1), perCorePct };
  }
  if (a.processCpuS !== undefined && b.processCpuS !== undefined) {
    return { source: 'process', totalPct: round(Math.max(0, ((b.processCpuS - a.processCpuS) / windowS) * 100), 1) };
  }
  return undefined;
}

/** The figure utilisation reads (StoredPoint.resources): CPU and memory under a role naming the component. */
function asProcessUsage(telemetry: EndpointTelemetry): ProcessUsage[] {
  if (telemetry.cpu === undefined) return [];
  const memory = telemetry.memoryBytes ?? 0;
  return [{ role: `${telemetry.component}-host:${telemetry.job}`, pid: 0, cpuPct: telemetry.cpu.totalPct, rssBytesMean: memory, rssBytesMax: memory }];
}

const clamp = (pct: number): number => Math.min(100, Math.max(0, pct));
const round = (value: number, digits: number): number => Number(value.toFixed(digits));
