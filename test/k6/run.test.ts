import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { findK6, parseK6Version } from '../../src/k6/k6-binary.js';
import { buildK6Plan } from '../../src/k6/k6-plan.js';
import { k6RunArgs, k6RunEnv } from '../../src/k6/run-k6.js';
import { runWithK6 } from '../../src/import/run-with-k6.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { generateK6Output } from '../fixtures/k6/generate-k6-output.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

describe('k6 run', () => {
  it('builds the k6 command line: JSON output to a file, the bundled script last', () => {
    expect(k6RunArgs({ script: '/r/k6/script/s.js', jsonOut: '/r/k6/k6-output.json' })).toEqual(['run', '--out', 'json=/r/k6/k6-output.json', '--no-usage-report', '/r/k6/script/s.js']);
  });

  it('passes secrets through the environment, never the command line', async () => {
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/closed.yaml'));
    expect(k6RunEnv(scenario, { summaryFile: '/r/summary.json' }, 'http://127.0.0.1:9')).toEqual({
      GATEBENCH_SUMMARY_FILE: '/r/summary.json',
      GATEBENCH_BASE_URL: 'http://127.0.0.1:9',
      GATEBENCH_BEARER_TOKEN: 'not-a-real-token',
      GATEBENCH_HEADER_X_API_KEY: 'not-a-real-key',
    });
  });

  it('says clearly how to install k6 when there is none on PATH', async () => {
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    const empty = await mkdtemp(join(tmpdir(), 'gatebench-nok6-'));
    expect(findK6(empty)).toBeUndefined();
    const error = await runWithK6(scenario, { pathVariable: empty, outDir: join(empty, 'run') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatebenchError);
    expect(error).toMatchObject({ code: 'GB_NOT_AVAILABLE', message: 'k6 is not installed: no `k6` executable on PATH' });
    expect((error as GatebenchError).hint).toMatch(/install k6 .*grafana\.com\/docs\/k6.*gatebench k6 export/);
  });

  it('refuses a k6 older than v0.45.0, naming the version found and the one needed, before running anything', async () => {
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-oldk6-'));
    const fake = join(dir, 'k6');
    await writeFile(fake, `#!/usr/bin/env node
if (process.argv[2] === 'version') { console.log('k6 v0.44.1 (2023-05-04T13:07:44+0000/v0.44.1-0-gcf9ce2e1, go1.20.4, linux/amd64)'); process.exit(0); }
require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'ran'))}, 'yes');
`);
    await chmod(fake, 0o755);
    const error = await runWithK6(scenario, { pathVariable: dir, outDir: join(dir, 'run') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatebenchError);
    expect(error).toMatchObject({ code: 'GB_NOT_AVAILABLE', message: `${fake} is k6 v0.44.1; the exported script needs k6 v0.45.0 or newer` });
    expect(existsSync(join(dir, 'ran'))).toBe(false);
    expect(parseK6Version('k6 v1.3.0 (commit/8d2d5c6a4e, go1.24.6, linux/amd64)')).toEqual([1, 3, 0]);
    expect(parseK6Version('k6 v2.2.0')).toEqual([2, 2, 0]);
  });

  it('runs the k6 found on PATH with those arguments and imports what it wrote', async () => {
    // k6 cannot be installed here: a stand-in on PATH writes k6-format output generated for the plan.
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/import.yaml'));
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-fakek6-'));
    const generated = await generateK6Output(buildK6Plan(scenario), dir, { runners: 1, perSecond: 50, seed: 5, testStartMs: Date.parse('2026-11-20T10:00:00Z') });
    const plan = buildK6Plan(scenario);
    const measured = (pointId: string): number => generated.samples.filter((sample) => sample.pointId === pointId && sample.phase === 'measure').length;
    // k6's machine-readable summary (opt-in since k6 1.5): no top-level "metrics", an array under results.metrics.
    const summary = {
      config: { duration: 21, execution: 'local', script: 'k6-import.js' },
      metadata: { generatedAt: '2026-11-20T10:00:21Z', k6Version: '1.5.0' },
      results: {
        checks: { metrics: [], results: [] },
        metrics: plan.points.map((pointPlan) => ({ name: `http_reqs{point:${pointPlan.point.pointId},phase:measure}`, type: 'counter', contains: 'default', values: { count: measured(pointPlan.point.pointId) } })),
      },
      version: '1.0.0',
      gatebench: plan,
    };
    const fake = join(dir, 'k6');
    await writeFile(
      fake,
      `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
if (args[0] === 'version') { console.log('k6 v0.45.0 (2023-06-19T08:40:45+0000/v0.45.0-0-gf9d1e0c3, go1.20.5, linux/amd64)'); process.exit(0); }
fs.writeFileSync(${JSON.stringify(join(dir, 'args.json'))}, JSON.stringify({ args, summary: process.env.GATEBENCH_SUMMARY_FILE }));
fs.copyFileSync(${JSON.stringify(generated.files[0])}, args[2].slice('json='.length));
fs.writeFileSync(process.env.GATEBENCH_SUMMARY_FILE, ${JSON.stringify(JSON.stringify(summary))});
process.exit(99);
`,
    );
    await chmod(fake, 0o755);
    const result = await runWithK6(scenario, { pathVariable: dir, outDir: join(dir, 'run') });
    const seen = JSON.parse(await readFile(join(dir, 'args.json'), 'utf8')) as { args: string[]; summary: string };
    expect(seen.args).toEqual(k6RunArgs({ script: join(dir, 'run/k6/script/k6-import.js'), jsonOut: join(dir, 'run/k6/k6-output.json') }));
    expect(seen.summary).toBe(join(dir, 'run/k6/summary.json'));
    expect(result.k6Version).toBe('k6 v0.45.0 (2023-06-19T08:40:45+0000/v0.45.0-0-gf9d1e0c3, go1.20.5, linux/amd64)');
    expect(result.run.points.map((stored) => stored.result.driver)).toEqual([
      { name: 'k6', version: 'k6 v0.45.0 (2023-06-19T08:40:45+0000/v0.45.0-0-gf9d1e0c3, go1.20.5, linux/amd64)' },
      { name: 'k6', version: 'k6 v0.45.0 (2023-06-19T08:40:45+0000/v0.45.0-0-gf9d1e0c3, go1.20.5, linux/amd64)' },
    ]);
    expect(result.run.points[0]!.result.requests).toBe(measured(result.run.points[0]!.point.pointId));
    // The summary was read (in k6's new layout) and its counts agree with the JSON output.
    expect(result.warnings).toEqual([]);
  });
});
