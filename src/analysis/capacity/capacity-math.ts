/** The instance-count arithmetic shared by our plan and the baselines' plan. */
import type { InstanceEstimate } from './types.js';

/** ceil that forgives floating-point dust: 3500 / (1000 · 0.7) is 5, not 6. */
export function instancesFor(targetRps: number, usableRps: number): number {
  return Math.max(1, Math.ceil(targetRps / usableRps - 1e-9));
}

export function combine(
  entries: ReadonlyArray<{ weight: number; perInstanceRps: number; lowRps: number; highRps: number }>,
  targetRps: number,
  headroomPct: number,
  describe: (index: number) => string,
): InstanceEstimate {
  const harmonic = (pick: (entry: (typeof entries)[number]) => number) => 1 / entries.reduce((sum, entry) => sum + entry.weight / pick(entry), 0);
  const perInstanceRps = harmonic((entry) => entry.perInstanceRps);
  const perInstanceLowRps = harmonic((entry) => entry.lowRps);
  const perInstanceHighRps = harmonic((entry) => entry.highRps);
  const keep = 1 - headroomPct / 100;
  const usablePerInstanceRps = perInstanceRps * keep;
  const instances = instancesFor(targetRps, usablePerInstanceRps);
  const working = entries.map((entry, i) => `${describe(i)}: C = ${entry.perInstanceRps.toFixed(1)} req/s (range ${entry.lowRps.toFixed(1)}..${entry.highRps.toFixed(1)}), weight ${(entry.weight * 100).toFixed(1)} %`);
  if (entries.length > 1) working.push(`mix: C = 1 / Σ(w/C) = ${perInstanceRps.toFixed(1)} req/s per instance`);
  working.push(`usable: ${perInstanceRps.toFixed(1)} × (1 − ${headroomPct} % headroom) = ${usablePerInstanceRps.toFixed(1)} req/s`);
  working.push(`instances: ceil(${targetRps} / ${usablePerInstanceRps.toFixed(1)}) = ${instances}`);
  return {
    perInstanceRps,
    perInstanceLowRps,
    perInstanceHighRps,
    usablePerInstanceRps,
    instances,
    instancesLow: instancesFor(targetRps, perInstanceHighRps * keep),
    instancesHigh: instancesFor(targetRps, perInstanceLowRps * keep),
    working,
  };
}

