import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeOf, type ErrorCode } from '../../src/errors.js';
import { startTestServer } from '../engine/servers.js';
import { runCli } from '../helpers/run-cli.js';
import { deadPort } from '../targets/local-backend.js';

describe('exit codes (README "Exit codes")', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatebench-exit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives 1 to a confident regression alone', () => {
    const codes: ErrorCode[] = [
      'GB_CONFIG_INVALID', 'GB_INPUT_INVALID', 'GB_TARGET_UNREACHABLE', 'GB_TARGET_START_FAILED', 'GB_PREFLIGHT_FAILED',
      'GB_SLO_FAILED', 'GB_DRIVER_FAILED', 'GB_STORE_CORRUPT', 'GB_RESUME_MISMATCH', 'GB_NOT_AVAILABLE', 'GB_INTERRUPTED',
    ];
    for (const code of codes) expect(exitCodeOf(code), code).not.toBe(1);
    expect(exitCodeOf('GB_REGRESSION')).toBe(EXIT_CODES.regression);
    expect(exitCodeOf('GB_PREFLIGHT_FAILED')).toBe(3);
    expect(exitCodeOf('GB_SLO_FAILED')).toBe(99);
  });

  it('an unknown flag exits 2 with the error and a one-line hint, not the whole help page', async () => {
    const result = await runCli(['load', 'http://127.0.0.1:9/', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--bogus'");
    expect(result.stderr).toContain('(see: gatebench load --help)');
    expect(result.stderr).not.toContain('--connections');
    expect(result.stdout).toBe('');
  });

  it('a missing required option or argument exits 2 (gateway without --backend, fit usl without a file)', async () => {
    const gateway = await runCli(['gateway']);
    expect(gateway.code).toBe(2);
    expect(gateway.stderr).toContain("required option '--backend <url>' not specified");
    const fit = await runCli(['fit', 'usl']);
    expect(fit.code).toBe(2);
    expect(fit.stderr).toContain("missing required argument 'file'");
    expect(fit.stderr).toContain('(see: gatebench fit usl --help)');
  });

  it('compare against a missing folder exits 2 naming it, not 1 (which means a regression)', async () => {
    const missing = join(dir, 'no-such-run');
    const result = await runCli(['compare', 'results/examples/quick-2core-vm', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${missing} is not a gatebench run folder`);
  });

  it('run --out names the run folder: with --resume too, or over a finished run, it exits 2', async () => {
    const both = await runCli(['run', 'scenarios/quick.yaml', '--out', join(dir, 'x'), '--resume', join(dir, 'y')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('run: --out and --resume both name a run folder; give one');
    // The committed example is a finished run: a new run may not be written over it.
    const taken = await runCli(['run', 'scenarios/quick.yaml', '--out', 'results/examples/quick-2core-vm', '--skip-preflight', '--no-report']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('results/examples/quick-2core-vm already holds a run (points.jsonl exists)');
  });

  it('a bare-number duration exits 2 saying how to write it', async () => {
    const result = await runCli(['load', 'http://127.0.0.1:9/', '-d', '10']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('-d/--duration: 10 has no unit; write 10s or 10ms');
  });

  it('load against a closed port stops after the first second and exits 3, with the socket errors by kind', async () => {
    const url = `http://127.0.0.1:${await deadPort()}/`;
    const result = await runCli(['load', url, '-c', '2', '-d', '20s', '--warmup', '0s', '--max-requests', '200000']);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`${url}: no HTTP response in the first second; stopped (socket errors: refused `);
    expect(result.stderr).toContain('was refused: nothing listens there');
    expect(result.stdout).toMatch(/Socket errors: connect [1-9]\d*, read 0, write 0, timeout 0/);
    expect(result.stdout).toContain('Requests/sec: 0.00');
    expect(result.stdout).toContain('Successful/sec: 0.00');
  });

  it('load against a closed port with the default warm-up names the cause, though the stop came before the window', async () => {
    const url = `http://127.0.0.1:${await deadPort()}/`;
    const result = await runCli(['load', url, '-c', '2', '-d', '1s', '--max-requests', '200000']);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/no HTTP response in the first second; stopped \((\d+) of \1 warm-up attempts failed\); a test connection to 127\.0\.0\.1:\d+ was refused: nothing listens there/);
  });

  it('load against a port answering 502 exits 99: no successful response fails the point', async () => {
    const server = await startTestServer((_request, response) => response.writeHead(502).end('bad gateway'));
    try {
      const result = await runCli(['load', server.url, '-c', '1', '-d', '1s', '--warmup', '0s', '--max-requests', '300']);
      expect(result.code, result.stderr).toBe(99);
      expect(result.stderr).toContain('the point failed its SLO (errors ≤ 1 %): no successful response');
      expect(result.stdout).toMatch(/Non-2xx or 3xx responses: [1-9]/);
    } finally {
      await server.close();
    }
  });

  it('--help exits 0', async () => {
    expect((await runCli(['run', '--help'])).code).toBe(0);
  });
});
