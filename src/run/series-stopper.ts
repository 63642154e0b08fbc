import type { PlanPoint } from '../plan/types.js';
import type { SloSpec } from '../scenario/types.js';
import type { StoredPoint } from '../store/types.js';
import { verdictAgainst } from '../results/slo-verdict.js';

const loadLevel = (point: PlanPoint): number => point.concurrency ?? point.rateRps ?? 0;

/**
 * The `slo.stopSeriesWhen` rule: once a point of a series (same api, size and sleep) is past the limit, the
 * series' higher load levels are skipped (in every repetition) — they would only be further past it.
 * Fed the points of an earlier session on --resume, so the rule holds across sessions.
 */
export class SeriesStopper {
  readonly #rule: SloSpec['stopSeriesWhen'];
  /** Series key -> the lowest load level that crossed the limit, and why. */
  readonly #stopped = new Map<string, { level: number; reason: string }>();

  constructor(rule: SloSpec['stopSeriesWhen']) {
    this.#rule = rule;
  }

  /** Records a finished point; returns the reason when it stops its series. */
  observe(stored: StoredPoint): string | undefined {
    if (this.#rule === undefined) return undefined;
    const verdict = verdictAgainst(this.#rule, stored.result);
    if (verdict.pass) return undefined;
    const level = loadLevel(stored.point);
    const existing = this.#stopped.get(stored.point.seriesKey);
    if (existing !== undefined && existing.level <= level) return undefined;
    const reason = `${stored.point.pointId}: ${verdict.reasons.join(', ')}`;
    this.#stopped.set(stored.point.seriesKey, { level, reason });
    return reason;
  }

  /** Why this point is skipped, or undefined when it should run. */
  skipReason(point: PlanPoint): string | undefined {
    const stop = this.#stopped.get(point.seriesKey);
    if (stop === undefined || loadLevel(point) <= stop.level) return undefined;
    return `series ${point.seriesKey} stopped at a lower load level (${stop.reason})`;
  }
}
