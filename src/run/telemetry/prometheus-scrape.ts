import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One scrape, reduced to the counters and gauges the telemetry needs. Values are summed where labels split them. */
export interface ScrapeSample {
  /** performance.now() halfway between sending the request and reading the answer. */
  atMs: number;
  /** node_cpu_seconds_total by core: total seconds over all modes, and idle+iowait seconds. */
  cpuByCore?: Map<string, { totalS: number; idleS: number }>;
  processCpuS?: number;
  memoryUsedBytes?: number;
  processResidentBytes?: number;
  networkReceiveBytes?: number;
  networkTransmitBytes?: number;
}

export type ScrapeOutcome = { ok: true; sample: ScrapeSample } | { ok: false; error: string };

// Generous: an exporter on a busy host answers late, and a late answer is still a good reading.
const SCRAPE_TIMEOUT_MS = 10_000;

type ParsedFamily = ReturnType<typeof parsePrometheusTextFormat>[number];

/** Fetches and parses one exposition; never throws: a failure comes back as its reason. */
export async function scrape(url: string): Promise<ScrapeOutcome> {
  const sentAt = performance.now();
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS), headers: { accept: 'text/plain;version=0.0.4' } });
    text = await response.text();
    if (!response.ok) return { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
  const atMs = (sentAt + performance.now()) / 2;
  let families: ParsedFamily[];
  try {
    families = parsePrometheusTextFormat(text);
  } catch (error) {
    return { ok: false, error: `not the Prometheus text format: ${(error as Error).message}` };
  }
  return { ok: true, sample: reduce(families, atMs) };
}

function reduce(families: ParsedFamily[], atMs: number): ScrapeSample {
  const byName = new Map(families.map((family) => [family.name, family.metrics]));
  const value = (metric: { value?: string }): number => Number(metric.value);
  const total = (name: string, keep: (labels: Record<string, string>) => boolean = () => true): number | undefined => {
    const metrics = byName.get(name);
    if (metrics === undefined || metrics.length === 0) return undefined;
    return metrics.filter((metric) => keep(metric.labels ?? {})).reduce((sum, metric) => sum + value(metric), 0);
  };
  const sample: ScrapeSample = { atMs };
  const cpu = byName.get('node_cpu_seconds_total');
  if (cpu !== undefined && cpu.length > 0) {
    const cores = new Map<string, { totalS: number; idleS: number }>();
    for (const metric of cpu) {
      const core = metric.labels?.cpu ?? '0';
      const entry = cores.get(core) ?? { totalS: 0, idleS: 0 };
      entry.totalS += value(metric);
      if (metric.labels?.mode === 'idle' || metric.labels?.mode === 'iowait') entry.idleS += value(metric);
      cores.set(core, entry);
    }
    sample.cpuByCore = cores;
  }
  const memTotal = total('node_memory_MemTotal_bytes');
  const memAvailable = total('node_memory_MemAvailable_bytes');
  if (memTotal !== undefined && memAvailable !== undefined) sample.memoryUsedBytes = memTotal - memAvailable;
  const notLoopback = (labels: Record<string, string>): boolean => labels.device !== 'lo';
  const receive = total('node_network_receive_bytes_total', notLoopback);
  const transmit = total('node_network_transmit_bytes_total', notLoopback);
  if (receive !== undefined) sample.networkReceiveBytes = receive;
  if (transmit !== undefined) sample.networkTransmitBytes = transmit;
  const processCpu = total('process_cpu_seconds_total');
  if (processCpu !== undefined) sample.processCpuS = processCpu;
  const resident = total('process_resident_memory_bytes');
  if (resident !== undefined) sample.processResidentBytes = resident;
  return sample;
}
