import { afterEach, describe, expect, it } from 'vitest';
import { runLoad, type ProgressTick } from '../../src/engine/index.js';
import { testLoadOptions } from './load-options.js';
import { startTestServer, type TestServer } from './servers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PHASES: ProgressTick['phase'][] = ['warmup', 'measure', 'drain'];

describe('phase ticks from the built-in engine', () => {
  it('sends a tick at the start of each phase, in order, before the periodic ticks of that phase', async () => {
    server = await startTestServer((_request, response) => response.end('ok'));
    const warmupMs = 600;
    const durationMs = 800;
    const ticks: ProgressTick[] = [];
    const result = await runLoad(
      testLoadOptions(server.url, { model: { kind: 'closed', users: 2, rampUpMs: 0, thinkTimeMs: 0 }, warmupMs, durationMs, workers: 2, maxRequests: 50_000 }),
      { onProgress: (tick) => ticks.push(tick) },
    );
    expect(result.requests).toBeGreaterThan(0);

    // Phases never step back, and the first two seen are warm-up then measure (drain may end before its tick).
    const ranks = ticks.map((tick) => PHASES.indexOf(tick.phase));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const distinct = ticks.map((tick) => tick.phase).filter((phase, index, all) => index === 0 || all[index - 1] !== phase);
    expect(distinct.slice(0, 2)).toEqual(['warmup', 'measure']);
    expect(distinct.length).toBeLessThanOrEqual(3);

    // The warm-up tick is the first tick of all; the measure tick comes before any tick from the window's
    // first full second (the periodic ticks run once a second from before the workers start).
    expect(ticks[0]!.phase).toBe('warmup');
    const measureIndex = ticks.findIndex((tick) => tick.phase === 'measure');
    // Every tick before the measure tick is a warm-up tick, and none of them is timed in the measured window.
    expect(measureIndex).toBeGreaterThan(0);
    expect(ticks.slice(0, measureIndex).every((tick) => tick.phase === 'warmup' && tick.elapsedMs < warmupMs + 2)).toBe(true);
    // Sent on the shared clock when the phase begins: never before it (a timer may round down by a millisecond).
    expect(ticks[measureIndex]!.elapsedMs).toBeGreaterThanOrEqual(warmupMs - 2);
    const drain = ticks.find((tick) => tick.phase === 'drain');
    if (drain !== undefined) expect(drain.elapsedMs).toBeGreaterThanOrEqual(warmupMs + durationMs - 2);
  });

  it('sends no warm-up tick when there is no warm-up', async () => {
    server = await startTestServer((_request, response) => response.end('ok'));
    const ticks: ProgressTick[] = [];
    await runLoad(testLoadOptions(server.url, { durationMs: 500, maxRequests: 20_000 }), { onProgress: (tick) => ticks.push(tick) });
    expect(ticks[0]?.phase).toBe('measure');
    expect(ticks.some((tick) => tick.phase === 'warmup')).toBe(false);
  });
});
