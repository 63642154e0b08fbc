import { describe, expect, it } from 'vitest';
import { openFileLimits, planOpenFiles } from '../../src/engine/fd-limit.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             63432                63432                processes
Max open files            1024                 524288               files
`;

describe('open-file limits', () => {
  it('reads the soft and hard limits from /proc/self/limits text', () => {
    expect(openFileLimits(LIMITS)).toEqual({ soft: 1024, hard: 524288 });
    expect(openFileLimits('Max open files unlimited unlimited files')).toEqual({ soft: Infinity, hard: Infinity });
    expect(openFileLimits('nothing here')).toBeUndefined();
  });

  it('carries on, re-executes with the hard limit, or refuses with the fix', () => {
    expect(planOpenFiles(500, { soft: 1024, hard: 4096 })).toEqual({ action: 'ok' });
    expect(planOpenFiles(10_000, { soft: 1024, hard: 524288 }, false)).toEqual({ action: 'reexec', hard: 524288 });
    const refused = planOpenFiles(10_000, { soft: 1024, hard: 4096 }, false);
    expect(refused.action).toBe('refuse');
    expect(refused.action === 'refuse' && refused.message).toContain('ulimit -n 10064');
    // Once re-executed, never loop: refuse instead.
    expect(planOpenFiles(10_000, { soft: 1024, hard: 524288 }, true).action).toBe('refuse');
    expect(planOpenFiles(10_000, undefined)).toEqual({ action: 'ok' });
  });
});
