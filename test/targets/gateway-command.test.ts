import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { gatewayOptionsFromFlags } from '../../src/cli/commands/gateway.js';
import { startLocalBackend } from './local-backend.js';
import { cliArgv } from '../helpers/run-cli.js';

const defaults = { port: '8280', host: '127.0.0.1', workers: '1', echoPrefix: '/echo', mediationPrefix: '/mediation' };

describe('gatebench gateway', () => {
  it('turns flags into options and rejects bad numbers', () => {
    expect(gatewayOptionsFromFlags({ ...defaults, backend: 'http://127.0.0.1:8688', workers: '4', requireToken: 't' })).toEqual({
      backendUrl: 'http://127.0.0.1:8688',
      port: 8280,
      host: '127.0.0.1',
      workers: 4,
      requireToken: 't',
      routes: { echo: '/echo', mediation: '/mediation' },
    });
    expect(() => gatewayOptionsFromFlags({ ...defaults, backend: 'x', workers: '0' })).toThrow(/--workers must be a whole number from 1/);
    expect(() => gatewayOptionsFromFlags({ ...defaults, backend: 'x', port: '80a' })).toThrow(/--port/);
  });

  it('serves from the CLI until SIGTERM, then exits 0', async () => {
    const backend = await startLocalBackend();
    const child = spawn(process.execPath, cliArgv(['gateway', '--backend', backend.url, '--port', '0']), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          const found = /(http:\/\/127\.0\.0\.1:\d+)\/echo/.exec(stdout);
          if (found) resolve(found[1]);
        });
        child.once('exit', (code) => reject(new Error(`gateway exited early with ${code}: ${stdout}`)));
      });
      const response = await request(`${url}/echo`, { method: 'POST', body: 'hello' });
      expect(response.statusCode).toBe(200);
      expect(await response.body.text()).toBe('hello');
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(stdout).toContain('gatebench gateway: stopped');
    } finally {
      child.kill('SIGKILL');
      await backend.close();
    }
  });

  it('exits 2 with a clear message for a backend that is not a URL', async () => {
    const child = spawn(process.execPath, cliArgv(['gateway', '--backend', 'nope', '--port', '0']), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('gateway backend "nope" is not an http(s) URL');
  });
});
