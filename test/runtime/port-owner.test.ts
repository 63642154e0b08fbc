import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { descendsFrom, listeningPids } from '../../src/runtime/port-owner.js';
import { listen, waitForPort } from '../../src/runtime/ports.js';

describe('port owner (Linux /proc)', () => {
  it('names this process as the listener of a port it holds, and no one for a closed port', async () => {
    const server = createServer();
    const port = await listen(server, '127.0.0.1', 0);
    try {
      expect(listeningPids(port)).toContain(process.pid);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(listeningPids(port)).toBeUndefined();
  });

  it('tells a started child from another program already on its port', async () => {
    const server = createServer();
    const port = await listen(server, '127.0.0.1', 0);
    // A "gateway" that never listens: the port is open, but only because this test process holds it.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      expect(descendsFrom(child.pid as number, process.pid)).toBe(true);
      expect(descendsFrom(process.pid, child.pid as number)).toBe(false);
      expect(await waitForPort('127.0.0.1', port, child, 5000)).toBe('foreign');
    } finally {
      child.kill();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
