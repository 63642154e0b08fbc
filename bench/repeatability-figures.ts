/** The figures of `npm run bench -- repeatability`, from stored points alone (pure, so a test can check them). */
import type { RegressionReport, StoredPoint } from '../src/index.js';

export interface FigureRow {
  figure: string;
  measured: string;
  goal: string;
  /** null when the figure could not be computed. */
  met: boolean | null;
}

const levelKey = (stored: StoredPoint): string => `${stored.point.seriesKey}-${stored.point.concurrency ?? stored.point.rateRps}`;

/** Mean throughput per series level, repetitions pooled. */
function levels(points: readonly StoredPoint[]): Map<string, { seriesKey: string; rps: number }> {
  const sums = new Map<string, { seriesKey: string; total: number; count: number }>();
  for (const stored of points) {
    const key = levelKey(stored);
    const entry = sums.get(key) ?? { seriesKey: stored.point.seriesKey, total: 0, count: 0 };
    entry.total += stored.result.throughputRps;
    entry.count++;
    sums.set(key, entry);
  }
  return new Map([...sums].map(([key, entry]) => [key, { seriesKey: entry.seriesKey, rps: entry.total / entry.count }]));
}

const pct = (value: number): string => `${value.toFixed(1)} %`;
const relative = (a: number, b: number): number => Math.abs(b - a) / Math.max(a, b);

export function repeatabilityFigures(first: readonly StoredPoint[], second: readonly StoredPoint[], comparison: RegressionReport, repeated: readonly StoredPoint[]): FigureRow[] {
  const a = levels(first);
  const b = levels(second);
  const common = [...a.keys()].filter((key) => b.has(key));
  const within = common.filter((key) => relative(a.get(key)!.rps, b.get(key)!.rps) <= 0.1).length;
  const agreeing = common.length === 0 ? NaN : within / common.length;
  const worst = common.map((key) => ({ key, diff: relative(a.get(key)!.rps, b.get(key)!.rps) })).sort((x, y) => y.diff - x.diff)[0];

  const peaks = (map: Map<string, { seriesKey: string; rps: number }>): Map<string, number> => {
    const out = new Map<string, number>();
    for (const { seriesKey, rps } of map.values()) out.set(seriesKey, Math.max(out.get(seriesKey) ?? 0, rps));
    return out;
  };
  const peaksA = peaks(a);
  const peaksB = peaks(b);
  const peakDiffs = [...peaksA.keys()].filter((key) => peaksB.has(key)).map((key) => ({ key, diff: relative(peaksA.get(key)!, peaksB.get(key)!) }));
  const worstPeak = peakDiffs.sort((x, y) => y.diff - x.diff)[0];

  const total = comparison.points.length;
  const noChange = comparison.counts['no-change'];

  // Repetitions as the outer loop: repetition 1 of each API is measured first, the rest once everything is warm.
  const rows: FigureRow[] = [
    {
      figure: 'points agreeing within 10 % between two back-to-back quick runs',
      measured: Number.isNaN(agreeing) ? 'n/a' : `${pct(agreeing * 100)} (${within} of ${common.length}; worst ${worst?.key} ${pct((worst?.diff ?? 0) * 100)})`,
      goal: '>= 90 %',
      met: Number.isNaN(agreeing) ? null : agreeing >= 0.9,
    },
    {
      figure: 'largest difference of a series peak between the two runs',
      measured: worstPeak === undefined ? 'n/a' : `${pct(worstPeak.diff * 100)} (${worstPeak.key})`,
      goal: '<= 5 %',
      met: worstPeak === undefined ? null : worstPeak.diff <= 0.05,
    },
  ];
  const byApi = new Map<string, StoredPoint[]>();
  for (const stored of repeated) byApi.set(stored.point.api, [...(byApi.get(stored.point.api) ?? []), stored]);
  const firstRatios: string[] = [];
  let firstMet: boolean | null = null;
  const cvs: string[] = [];
  let cvMet: boolean | null = null;
  for (const [api, points] of byApi) {
    const ordered = [...points].sort((x, y) => x.point.repetition - y.point.repetition);
    const values = ordered.map((stored) => stored.result.throughputRps);
    if (values.length >= 2) {
      const warm = values.slice(1).reduce((sum, value) => sum + value, 0) / (values.length - 1);
      const ratio = values[0]! / warm;
      firstRatios.push(`${api} ${ratio.toFixed(2)}x`);
      firstMet = (firstMet ?? true) && Math.abs(ratio - 1) <= 0.1;
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
      const cv = (sd / mean) * 100;
      cvs.push(`${pct(cv)} ${api} (${values.map((value) => value.toFixed(0)).join(', ')})`);
      cvMet = (cvMet ?? true) && cv <= 3;
    }
  }
  rows.push(
    {
      figure: 'first point of a run vs the same point measured warm (repetition 1 / mean of 2-5)',
      measured: firstRatios.join(', ') || 'n/a',
      goal: 'within 10 %',
      met: firstMet,
    },
    {
      figure: '`compare` of the two runs',
      measured: `${noChange} of ${total} no change, ${comparison.counts.regression} regression, ${comparison.counts.inconclusive} inconclusive, ${comparison.counts.improvement} improvement`,
      goal: '>= 80 % no change, 0 regression',
      met: total === 0 ? null : noChange / total >= 0.8 && comparison.counts.regression === 0,
    },
    {
      figure: 'CV of 5 repeated points, 25 users, 0 ms, embedded gateway',
      measured: cvs.join('; ') || 'n/a',
      goal: '<= 3 %',
      met: cvMet,
    },
  );
  return rows;
}
