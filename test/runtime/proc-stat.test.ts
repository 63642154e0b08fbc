import { describe, expect, it } from 'vitest';
import { parseProcStat, readProcStat } from '../../src/runtime/proc-stat.js';

describe('proc stat', () => {
  it('reads the fields after the last ")" even when the command name holds spaces and parentheses', () => {
    const line = '4242 (a b) (c)) S 17 4242 4242 0 -1 4194304 100 0 0 0 31 7 0 0 20 0 1 0 123 1000 50\n';
    expect(parseProcStat(line)).toEqual({ ppid: 17, utimeTicks: 31, stimeTicks: 7 });
  });

  it.skipIf(process.platform !== 'linux')('reads this process: its parent is process.ppid', () => {
    const stat = readProcStat(process.pid);
    expect(stat?.ppid).toBe(process.ppid);
    expect(stat?.utimeTicks).toBeGreaterThanOrEqual(0);
    expect(readProcStat(2 ** 30)).toBeUndefined();
  });
});
