import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../helpers/run-cli.js';
import { readRun } from '../../src/store/read-run.js';


describe('gatebench import (CLI smoke)', () => {
  it('imports a JMeter file with --warmup and --map, and exits 2 with the file:line on bad input', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'gatebench-import-cli-')), 'run');
    const ok = await cli(['import', 'jmeter', 'test/fixtures/jmeter/labels.jtl', '--out', out, '--warmup', '2s', '--map', 'Echo API=echo/1KiB/30ms']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('imported 2 points from 1 JMeter file');
    expect((await readRun(out)).points.map((stored) => stored.result.requests)).toEqual([8, 8]);

    const bad = await cli(['import', 'jmeter', 'test/fixtures/jmeter/labels.jtl', '--out', `${out}-2`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('test/fixtures/jmeter/labels.jtl:2: label "Echo API" does not say which point it measured');
    expect(bad.stderr).toContain("hint: map it: --map 'Echo API=echo/1KiB/0ms'");
  });
});
