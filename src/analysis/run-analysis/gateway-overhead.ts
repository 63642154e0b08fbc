import type { Api } from '../../scenario/types.js';
import type { StoredPoint } from '../../store/types.js';

/**
 * What the gateway adds at one point: the same size, sleep and load level measured through the gateway and
 * straight to the backend (the `direct` series) in the same run. Repetitions are averaged per side first.
 */
export interface GatewayOverheadRow {
  api: Exclude<Api, 'direct'>;
  messageSizeBytes: number;
  backendSleepMs: number;
  /** `c50` or `500rps`. */
  level: string;
  concurrency?: number;
  rateRps?: number;
  gatewayP50Ms: number;
  directP50Ms: number;
  gatewayP99Ms: number;
  directP99Ms: number;
  /** p50 through the gateway minus p50 direct. */
  addedP50Ms: number;
  addedP99Ms: number;
  /** Successful responses per second (errors are not throughput). */
  gatewayRps: number;
  directRps: number;
  /** 1 - gateway/direct, in percent; negative when the gateway side answered more. */
  throughputLostPct: number;
  /** Why a row deserves less trust: a saturated generator or errors on either side. */
  caveats: string[];
}

interface Side {
  p50Ms: number;
  p99Ms: number;
  okRps: number;
  caveats: string[];
}

const cellKey = (stored: StoredPoint): string => {
  const { point } = stored;
  return `${point.messageSizeBytes}|${point.backendSleepMs}|${point.concurrency ?? ''}|${point.rateRps ?? ''}`;
};

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** One side of a cell: repetitions averaged (their histograms are not merged here; p50/p99 are per-point means). */
function side(points: StoredPoint[], label: string): Side {
  const caveats = new Set<string>();
  for (const { result } of points) {
    if (result.generator.saturated) caveats.add(`${label}: generator saturated`);
    if (result.errors > 0) caveats.add(`${label}: ${result.errorPct.toFixed(2)} % errors`);
  }
  return {
    p50Ms: mean(points.map(({ result }) => result.latencyMs.p50)),
    p99Ms: mean(points.map(({ result }) => result.latencyMs.p99)),
    okRps: mean(points.map(({ result }) => (result.durationS > 0 ? (result.requests - result.errors) / result.durationS : 0))),
    caveats: [...caveats],
  };
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

/** Pairs every echo and mediation cell with the direct cell of the same size, sleep and level. Empty without a direct series. */
export function gatewayOverhead(points: StoredPoint[]): GatewayOverheadRow[] {
  const direct = new Map<string, StoredPoint[]>();
  for (const stored of points) {
    if (stored.point.api !== 'direct' || stored.result.requests === 0) continue;
    const list = direct.get(cellKey(stored)) ?? [];
    list.push(stored);
    direct.set(cellKey(stored), list);
  }
  if (direct.size === 0) return [];
  const gateway = new Map<string, StoredPoint[]>();
  for (const stored of points) {
    if (stored.point.api === 'direct' || stored.result.requests === 0) continue;
    const key = `${stored.point.api}|${cellKey(stored)}`;
    gateway.set(key, [...(gateway.get(key) ?? []), stored]);
  }
  const rows: GatewayOverheadRow[] = [];
  for (const [, through] of gateway) {
    const first = through[0]!;
    const straight = direct.get(cellKey(first));
    if (straight === undefined) continue;
    const g = side(through, 'gateway');
    const d = side(straight, 'direct');
    const { point } = first;
    rows.push({
      api: point.api as Exclude<Api, 'direct'>,
      messageSizeBytes: point.messageSizeBytes,
      backendSleepMs: point.backendSleepMs,
      level: point.concurrency !== undefined ? `c${point.concurrency}` : `${point.rateRps}rps`,
      ...(point.concurrency !== undefined && { concurrency: point.concurrency }),
      ...(point.rateRps !== undefined && { rateRps: point.rateRps }),
      gatewayP50Ms: round(g.p50Ms),
      directP50Ms: round(d.p50Ms),
      gatewayP99Ms: round(g.p99Ms),
      directP99Ms: round(d.p99Ms),
      addedP50Ms: round(g.p50Ms - d.p50Ms),
      addedP99Ms: round(g.p99Ms - d.p99Ms),
      gatewayRps: round(g.okRps, 1),
      directRps: round(d.okRps, 1),
      throughputLostPct: d.okRps > 0 ? round((1 - g.okRps / d.okRps) * 100, 1) : 0,
      caveats: [...g.caveats, ...d.caveats],
    });
  }
  const apiOrder = (api: Api): number => (api === 'echo' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      apiOrder(a.api) - apiOrder(b.api) ||
      a.messageSizeBytes - b.messageSizeBytes ||
      a.backendSleepMs - b.backendSleepMs ||
      (a.concurrency ?? a.rateRps ?? 0) - (b.concurrency ?? b.rateRps ?? 0),
  );
}
