import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/runtime/ports.js';
import { isAlive } from '../../src/targets/nginx/process-tree.js';
import { startGatewayCommand } from '../../src/targets/external/start-command.js';

const node = JSON.stringify(process.execPath);

describe('target.start command', () => {
  it('fails fast naming the command and its output when it exits before listening', async () => {
    const port = await freePort();
    const started = startGatewayCommand({
      command: 'echo "no config here" >&2; exit 3',
      cwd: tmpdir(),
      host: '127.0.0.1',
      port,
      protocol: 'http:',
      backendUrl: 'http://127.0.0.1:1',
      readyTimeoutMs: 10_000,
    });
    await expect(started).rejects.toMatchObject({ code: 'GB_TARGET_START_FAILED', message: expect.stringMatching(/exit status 3[\s\S]*no config here/) });
  });

  it('passes the addresses, samples the process tree and stops all of it', async () => {
    const port = await freePort();
    // A shell that starts a listener as a grandchild, the way a gateway master starts workers.
    const listener = `require("http").createServer((q,s)=>s.end(process.env.GATEBENCH_BACKEND_HOSTPORT)).listen(Number(process.env.GATEBENCH_GATEWAY_PORT),"127.0.0.1")`;
    const started = await startGatewayCommand({
      command: `${node} -e '${listener}' & wait`,
      cwd: tmpdir(),
      host: '127.0.0.1',
      port,
      protocol: 'http:',
      backendUrl: 'http://127.0.0.1:8688/base/',
      readyTimeoutMs: 10_000,
    });
    const answer = await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
    expect(answer).toBe('127.0.0.1:8688');
    const processes = started.processes();
    expect(processes[0]?.role).toBe('gateway');
    expect(processes.some((entry) => entry.role === 'gateway-child')).toBe(true);
    await started.close();
    expect(processes.filter((entry) => isAlive(entry.pid))).toEqual([]);
  });

  it('is ready only when the gateway answers HTTP: an open port that closes every connection unanswered fails the start', async () => {
    const port = await freePort();
    // Accepts, then closes each connection without a byte, like a gateway whose workers are not up yet.
    const silent = `require("net").createServer((c)=>c.destroy()).listen(Number(process.env.GATEBENCH_GATEWAY_PORT),"127.0.0.1")`;
    const started = startGatewayCommand({ command: `${node} -e '${silent}'`, cwd: tmpdir(), host: '127.0.0.1', port, protocol: 'http:', backendUrl: '', readyTimeoutMs: 1500 });
    await expect(started).rejects.toMatchObject({ code: 'GB_TARGET_START_FAILED', message: expect.stringContaining('the port opened, but no HTTP answer came within 1500 ms') });
  });
});
