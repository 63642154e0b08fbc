import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpUrl, listen } from '../../src/runtime/ports.js';

describe('ports', () => {
  it('brackets an IPv6 literal host in a URL and leaves others alone', () => {
    expect(httpUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(httpUrl('localhost', 80)).toBe('http://localhost:80');
    expect(httpUrl('::1', 8080)).toBe('http://[::1]:8080');
    expect(new URL(httpUrl('::1', 8080)).port).toBe('8080');
  });

  it('listen resolves with the bound port, and rejects when the port is taken', async () => {
    const first = createServer();
    const port = await listen(first, '127.0.0.1', 0);
    try {
      expect(port).toBeGreaterThan(0);
      expect(first.address()).toMatchObject({ port });
      await expect(listen(createServer(), '127.0.0.1', port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => first.close(resolve));
    }
  });
});
