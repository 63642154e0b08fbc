import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from './fixture.js';
import { runCli } from '../helpers/run-cli.js';

/** `gatebench report` spawned from source: argv to generateReport, one line out, exit codes from error codes. */


let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'gatebench-report-cli-'));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('gatebench report', () => {
  it('writes the report folder named by --out', async () => {
    const result = await runCli(['report', FIXTURE_DIR, '--out', outDir, '--no-baseline']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // 21 charts (with the two utilisation grids) and 5 files.
    expect(result.stdout).toMatch(/^report: .*index\.html \(26 files in /);
    const names = await readdir(outDir);
    expect(names.sort()).toEqual(['analysis.json', 'capacity.json', 'charts', 'index.html', 'report.md', 'summary.csv']);
    // Every JSON file gatebench writes carries its schemaVersion (src/results/versions.ts).
    for (const name of ['analysis.json', 'capacity.json']) {
      const written = JSON.parse(await readFile(join(outDir, name), 'utf8')) as { schemaVersion?: unknown };
      expect(written.schemaVersion, name).toBe(1);
    }
  });

  it('asks for --out when several runs make one side-by-side report', async () => {
    const result = await runCli(['report', FIXTURE_DIR, FIXTURE_DIR]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 runs make one side-by-side report: say where it goes with --out DIR');
  });

  it('exits 2 naming the folder when it is not a run', async () => {
    const result = await runCli(['report', outDir, '--out', join(outDir, 'nested')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${outDir} is not a gatebench run folder`);
  });

  it('takes --baseline wso2:<part> and --baseline-machine as analyze does', async () => {
    const dir = join(outDir, 'wso2-310');
    const result = await runCli(['report', FIXTURE_DIR, '--out', dir, '--baseline', 'wso2:3.1.0', '--baseline-machine', 'c5.large']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('Baseline: WSO2 APIM 3.1.0 c5.large');
  });

  it('checks --baseline-api as analyze does', async () => {
    const result = await runCli(['report', FIXTURE_DIR, '--out', join(outDir, 'bad-api'), '--baseline-api', 'sideways']);
    expect(result.code).toBe(2); // GB_INPUT_INVALID
    expect(result.stderr).toContain('--baseline-api "sideways": use echo or mediation');
  });
});
