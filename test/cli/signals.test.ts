import { describe, expect, it } from 'vitest';
import { onStopSignals, untilStopSignal } from '../../src/cli/signals.js';

const listeners = (): number[] => [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')];

describe('stop signals', () => {
  it('untilStopSignal resolves with the signal and stops listening to both', async () => {
    const before = listeners();
    const stopped = untilStopSignal();
    expect(listeners()).toEqual(before.map((count) => count + 1));
    process.kill(process.pid, 'SIGINT');
    expect(await stopped).toBe('SIGINT');
    expect(listeners()).toEqual(before);
  });

  it('onStopSignals sees every SIGTERM/SIGINT until removed', async () => {
    const seen: NodeJS.Signals[] = [];
    const before = listeners();
    const off = onStopSignals((signal) => seen.push(signal));
    process.kill(process.pid, 'SIGTERM');
    process.kill(process.pid, 'SIGINT');
    while (seen.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    off();
    expect(seen.sort()).toEqual(['SIGINT', 'SIGTERM']);
    expect(listeners()).toEqual(before);
  });
});
