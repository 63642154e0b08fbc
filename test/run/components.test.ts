import { describe, expect, it } from 'vitest';
import { defaultComponents } from '../../src/run/components.js';
import { startBackend } from '../../src/targets/index.js';

/**
 * The runner starts backends through startBackend alone; `own` with no URL has no second definition here.
 * (A gateway gatebench starts refusing such a backend is tested in test/targets/start-backend.test.ts.)
 */
describe('defaultComponents', () => {
  it('an own backend with no URL is the one startBackend gives: no address, no processes, no sleep control', async () => {
    const ours = await defaultComponents.startBackend({ kind: 'own' });
    const theirs = await startBackend({ kind: 'own' });
    expect(ours.url).toBe('');
    expect(ours.processes()).toEqual([]);
    expect(ours.setSleepMs).toBeUndefined();
    expect(ours.description).toBe(theirs.description);
    await ours.close();
  });
});
