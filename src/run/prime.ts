import type { ProgressTick } from '../engine/types.js';
import type { PlanPoint } from '../plan/types.js';
import type { PrimedRoute, PrimingRecord } from '../store/types.js';
import { buildLoadOptions } from './load-options.js';
import type { PointContext } from './measure-point.js';

/** Fewer per-second readings than this cannot show a steady rate. */
const STEADY_SECONDS = 3;
/** Steady: the last STEADY_SECONDS per-second rates lie within this fraction of their mean. */
const STEADY_SPREAD = 0.05;
/** No API is primed for less than this; it takes about 3.5 s to show STEADY_SECONDS readings. */
const MIN_API_MS = 1_000;
/** The API's other sizes only touch their paths (buffers, larger bodies): a short fixed load each. */
const TOUCH_MS = 1_000;

/**
 * The warm start. Before the first measured point, loads each route the points use (api x message size) at the
 * highest load level among them and the lowest backend sleep. Each API's smallest size runs until its
 * per-second throughput is steady or the API's share of `maxMs` (after 1 s per other size; at least 1 s, and about 3.5 s are needed to see it settle) runs out: that is where the
 * JIT compiles the API's code path. Its other sizes then get 1 s each, enough to size buffers and heap for
 * larger bodies. All of it happens in the gateway, backend and generator before the first point, and nothing
 * of it is stored as a point: the record goes to the manifest only.
 */
export async function primeRoutes(points: readonly PlanPoint[], context: PointContext, maxMs: number): Promise<PrimingRecord> {
  const startedMs = performance.now();
  const routes = routesOf(points);
  const record: PrimingRecord = { maxS: maxMs / 1000, durationS: 0, routes: [], notes: [] };
  if (routes.length === 0 || maxMs <= 0) return record;
  const apis = [...new Set(routes.map((route) => route.api))];
  const touches = routes.length - apis.length;
  // The generator's start-up per route comes on top of these shares.
  const steadyMs = Math.max(MIN_API_MS, Math.floor((maxMs - touches * TOUCH_MS) / apis.length));
  for (const [index, route] of routes.entries()) {
    if (context.signal.aborted) break;
    const untilSteady = index === 0 || routes[index - 1]!.api !== route.api;
    const primed = await primeRoute(route, context, untilSteady ? steadyMs : TOUCH_MS, untilSteady);
    record.routes.push(primed);
    if (untilSteady && !primed.steady) record.notes.push(`${route.api}-${route.messageSizeBytes}B did not settle within ${primed.durationS.toFixed(1)} s (last rates ${primed.perSecondRps.slice(-STEADY_SECONDS).map((rps) => rps.toFixed(0)).join(', ')} req/s)`);
  }
  record.durationS = (performance.now() - startedMs) / 1000;
  return record;
}

/** One stand-in point per api x size (by api, then size ascending), at the highest level and lowest sleep of the points given. */
function routesOf(points: readonly PlanPoint[]): PlanPoint[] {
  const routes = new Map<string, PlanPoint>();
  const highest = (point: PlanPoint): number => point.concurrency ?? point.rateRps ?? 0;
  for (const point of points) {
    const key = `${point.api}-${point.messageSizeBytes}`;
    const seen = routes.get(key);
    if (seen === undefined) routes.set(key, { ...point });
    else {
      if (highest(point) > highest(seen)) routes.set(key, { ...seen, concurrency: point.concurrency, rateRps: point.rateRps });
      const kept = routes.get(key)!;
      if (point.backendSleepMs < kept.backendSleepMs) kept.backendSleepMs = point.backendSleepMs;
    }
  }
  return [...routes.values()].sort((a, b) => (a.api === b.api ? a.messageSizeBytes - b.messageSizeBytes : a.api < b.api ? -1 : 1));
}

async function primeRoute(route: PlanPoint, context: PointContext, budgetMs: number, untilSteady: boolean): Promise<PrimedRoute> {
  const { scenario, target, backend } = context;
  await backend.setSleepMs?.(route.backendSleepMs);
  // A direct route warms the backend itself, without the gateway's headers (as its points are sent).
  const headers = route.api === 'direct' ? {} : await target.requestHeaders();
  const base = buildLoadOptions(scenario, route, target, context.body(route.messageSizeBytes), headers, backend.url);
  // No warm-up of its own and no ramp: the whole of it is warm-up for the points that follow.
  const model = base.model.kind === 'closed' ? { ...base.model, rampUpMs: 0 } : base.model;
  const options = { ...base, model, warmupMs: 0, durationMs: budgetMs };
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  context.signal.addEventListener('abort', onAbort, { once: true });
  const rates: number[] = [];
  let steady = false;
  let lastTickMs: number | undefined;
  const onTick = (tick: ProgressTick): void => {
    // Phase-start ticks cover part of a second; only the once-a-second ticks are readings.
    const periodic = lastTickMs !== undefined && tick.elapsedMs - lastTickMs >= 900;
    if (lastTickMs === undefined || periodic) lastTickMs = tick.elapsedMs;
    if (!periodic || tick.phase !== 'measure') return;
    rates.push(tick.currentRps);
    if (untilSteady && isSteady(rates)) {
      steady = true;
      stop.abort();
    }
  };
  try {
    const result = await context.driver.runPoint(options, stop.signal, onTick);
    return {
      api: route.api,
      messageSizeBytes: route.messageSizeBytes,
      backendSleepMs: route.backendSleepMs,
      ...(route.concurrency === undefined ? {} : { concurrency: route.concurrency }),
      ...(route.rateRps === undefined ? {} : { rateRps: route.rateRps }),
      durationS: result.durationS,
      requests: result.warmup.requests + result.requests + (result.drain?.completed ?? 0),
      errors: result.warmup.errors + result.errors,
      perSecondRps: rates.length > 0 ? rates : result.timeline.map((second) => second.throughputRps),
      untilSteady,
      steady,
    };
  } finally {
    context.signal.removeEventListener('abort', onAbort);
  }
}

/** The last STEADY_SECONDS rates within ±STEADY_SPREAD of their mean, and not all zero. */
export function isSteady(rates: readonly number[]): boolean {
  if (rates.length < STEADY_SECONDS) return false;
  const last = rates.slice(-STEADY_SECONDS);
  const mean = last.reduce((sum, rate) => sum + rate, 0) / last.length;
  return mean > 0 && last.every((rate) => Math.abs(rate - mean) <= STEADY_SPREAD * mean);
}
