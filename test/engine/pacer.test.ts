import { describe, expect, it } from 'vitest';
import { Pacer, rateProfile } from '../../src/engine/builtin/pacer.js';

function sendTimes(pacer: Pacer, untilMs: number): number[] {
  const times: number[] = [];
  for (let time = pacer.next(); time < untilMs && times.length < 100_000; time = pacer.next()) times.push(time);
  return times;
}

describe('Pacer', () => {
  it('spaces a constant rate evenly', () => {
    const times = sendTimes(new Pacer(rateProfile(0, 100, [])), 1000);
    expect(times).toHaveLength(100);
    expect(times[0]).toBe(0);
    expect(times[1]).toBeCloseTo(10, 9);
    expect(times[99]).toBeCloseTo(990, 9);
  });

  it('interleaves workers by their phase offsets', () => {
    const a = sendTimes(new Pacer(rateProfile(0, 50, []), 0), 100);
    const b = sendTimes(new Pacer(rateProfile(0, 50, []), 0.5), 100);
    expect(a).toEqual([0, 20, 40, 60, 80]);
    expect(b.map((time) => Math.round(time))).toEqual([10, 30, 50, 70, 90]);
  });

  it('ramps linearly: 0 -> 100 req/s over 2 s sends 100, denser at the end', () => {
    const times = sendTimes(new Pacer(rateProfile(0, 0, [{ durationMs: 2000, targetRps: 100 }])), 2000);
    expect(times).toHaveLength(100);
    const firstHalf = times.filter((time) => time < 1000).length;
    expect(firstHalf).toBe(25);
  });

  it('runs the warm-up at the starting rate, then the stages, then holds the last rate', () => {
    const pacer = new Pacer(rateProfile(1000, 10, [{ durationMs: 1000, targetRps: 30 }]));
    expect(pacer.countBetween(0, 1000)).toBeCloseTo(10, 9);
    expect(pacer.countBetween(1000, 2000)).toBeCloseTo(20, 9);
    expect(pacer.countBetween(2000, 3000)).toBeCloseTo(30, 9);
    expect(sendTimes(pacer, 3000)).toHaveLength(60);
  });

  it('sends nothing at a zero rate', () => {
    expect(new Pacer(rateProfile(0, 0, [])).next()).toBe(Number.POSITIVE_INFINITY);
  });
});
