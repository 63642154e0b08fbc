import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from '../helpers/run-cli.js';


describe('gatebench k6 (CLI smoke)', () => {
  it('exports a scenario and writes operator manifests', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-k6-cli-'));
    const exported = await cli(['k6', 'export', 'test/fixtures/k6/open.yaml', '--out', join(dir, 'export')]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('2 points');
    expect(exported.stdout).toContain('note: set GATEBENCH_CLIENT_SECRET');
    expect(existsSync(join(dir, 'export', 'k6-open.js'))).toBe(true);

    const operator = await cli(['k6', 'operator', 'test/fixtures/k6/open.yaml', '--parallelism', '3', '--out', join(dir, 'operator')]);
    expect(operator.code).toBe(0);
    // open.yaml: 50 and 12.5 req/s for 13 s each; no --storage, so the volume is sized from that.
    expect(operator.stdout).toContain('results volume: about 813 requests, 0.0 GB of k6 JSON output; the volume requests 1Gi');
    for (const file of ['configmap.yaml', 'testrun.yaml', 'results-pvc.yaml', 'collector-pod.yaml']) expect(existsSync(join(dir, 'operator', file))).toBe(true);

    const bad = await cli(['k6', 'operator', 'test/fixtures/k6/open.yaml', '--parallelism', 'zero', '--out', join(dir, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--parallelism must be a whole number of runners');
    // Three CLI processes started from source: generous on a busy machine.
  }, 180_000);
});
