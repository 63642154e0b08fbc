// A dead or wrong target must fail fast with exit code 3 and a message naming the cause, never read as a pass.
// Each case runs the real CLI (`gatebench run`) against a real process on loopback.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../engine/servers.js';
import { runCli } from '../helpers/run-cli.js';
import { deadPort } from '../targets/local-backend.js';

const SWEEP = ['sweep:', '  messageSizes: [1KiB]', '  concurrency: [2]', 'timing: { warmup: 0s, duration: 1s, timeout: 5s }'];

// Each case spawns the CLI (a few seconds on an idle machine, far more on a loaded one).
describe('run against a dead or wrong target (CLI)', { timeout: 180_000 }, () => {
  let dir: string;
  let badGateway: TestServer;
  let wrongBody: TestServer;
  let refusingTokens: TestServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatebench-dead-'));
    badGateway = await startTestServer((_request, response) => response.writeHead(502).end('no healthy upstream'));
    wrongBody = await startTestServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>welcome to nginx</html>'));
    refusingTokens = await startTestServer((_request, response) => response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}'));
  });
  afterAll(async () => {
    await Promise.all([badGateway.close(), wrongBody.close(), refusingTokens.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  async function run(name: string, target: string[], flags: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string; outDir: string }> {
    const file = join(dir, `${name}.yaml`);
    await writeFile(file, [`name: ${name}`, ...target, ...SWEEP].join('\n'));
    const outDir = join(dir, `out-${name}`);
    return { ...(await runCli(['run', file, '--out', outDir, '--no-report', ...flags])), outDir };
  }

  it('a closed port exits 3 before any load, naming the URL and the refused connection', async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const result = await run('closed', ['target:', `  baseUrl: ${url}`]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`preflight: POST ${url}/echo (echo, 1KiB) failed: connection refused (ECONNREFUSED)`);
    expect(result.stderr).toContain('hint: nothing listens there');
    expect(result.stdout).not.toContain('req/s');
  });

  it('a port answering 502 exits 3 with the status and body', async () => {
    const result = await run('bad-gateway', ['target:', `  baseUrl: ${badGateway.url}`]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('answered HTTP 502: expected 2xx');
    expect(result.stderr).toContain('"no healthy upstream"');
    expect(result.stderr).toContain('could not reach its backend');
  });

  it('a gateway returning the wrong body exits 3, saying it is not the echo', async () => {
    const result = await run('wrong-body', ['target:', `  baseUrl: ${wrongBody.url}`]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('answered HTTP 200: the body is not the request echoed back (sent 1024 bytes, got 29)');
    expect(result.stderr).toContain('"<html>welcome to nginx</html>"');
  });

  it('OAuth2 with a token endpoint that refuses exits 3, naming the token URL and its answer', async () => {
    const tokenUrl = `${refusingTokens.url}token`;
    const result = await run('oauth-refused', [
      'target:',
      '  kind: embedded',
      `  auth: { kind: oauth2, grant: client_credentials, tokenUrl: "${tokenUrl}", clientId: id, clientSecret: wrong }`,
    ]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`OAuth2 token request to ${tokenUrl} returned HTTP 401: {"error":"invalid_client"}`);
    expect(result.stderr).toContain('hint: check target.auth clientId/clientSecret');
  });

  it('--skip-preflight is recorded in the manifest', async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const skipped = await run('skipped', ['target:', `  baseUrl: ${url}`], ['--skip-preflight']);
    expect(skipped.stdout + skipped.stderr).toContain('preflight skipped (--skip-preflight)');
    // run --out is the run folder itself.
    const manifest = JSON.parse(await readFile(join(skipped.outDir, 'manifest.json'), 'utf8')) as { preflight?: unknown };
    expect(manifest.preflight).toEqual({ skipped: true });
    // Every request was refused: no point may pass (its verdict fails, the run exits 99).
    expect(skipped.code, skipped.stderr).toBe(99);
  });
});
