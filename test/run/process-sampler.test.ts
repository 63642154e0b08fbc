import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createProcessSampler, readCpuTicks, readRssBytes } from '../../src/run/process-sampler.js';

const onLinux = process.platform === 'linux';

describe.runIf(onLinux)('process sampler (/proc)', () => {
  it('measures the CPU and RSS of a busy child process, and leaves out a process that is gone', async () => {
    // A child that spins for at most 5 s (bounded) and holds ~30 MiB.
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(30 * 1024 * 1024, 1); const end = Date.now() + 5000; while (Date.now() < end) {}']);
    try {
      await sleep(300);
      const sampler = createProcessSampler(
        [
          { role: 'busy', pid: child.pid! },
          { role: 'gone', pid: 2 ** 22 + 1 },
        ],
        100,
      );
      sampler.begin();
      await sleep(800);
      const usages = sampler.end();
      expect(usages.map((usage) => usage.role)).toEqual(['busy']);
      expect(usages[0]!.pid).toBe(child.pid);
      expect(usages[0]!.cpuPct).toBeGreaterThan(0);
      expect(usages[0]!.rssBytesMax).toBeGreaterThan(30 * 1024 * 1024);
      expect(usages[0]!.rssBytesMean).toBeLessThanOrEqual(usages[0]!.rssBytesMax);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });

  it('reads this process', () => {
    expect(readCpuTicks(process.pid)).toBeGreaterThan(0);
    expect(readRssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(readCpuTicks(2 ** 22 + 1)).toBeUndefined();
  });
});
