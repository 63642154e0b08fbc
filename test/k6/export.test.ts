import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportK6, type K6Export } from '../../src/k6/export-scripts.js';
import { wso2Payload } from '../../src/payload.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { Scenario } from '../../src/scenario/types.js';
import { loadExportedScript, type StubState } from './load-exported-script.js';

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..');

function stubState(): StubState {
  return { requests: [], checks: [], vuTags: {}, scenarioStartTime: Date.now(), answer: () => ({ status: 200, body: new ArrayBuffer(0) }) };
}

describe('k6 export', () => {
  let closed: Scenario;
  let open: Scenario;
  let closedExport: K6Export;
  let openExport: K6Export;

  beforeAll(async () => {
    closed = await loadScenario(join(repoRoot, 'test/fixtures/k6/closed.yaml'));
    open = await loadScenario(join(repoRoot, 'test/fixtures/k6/open.yaml'));
    closedExport = await exportK6(closed, await mkdtemp(join(tmpdir(), 'gatebench-k6-closed-')));
    openExport = await exportK6(open, await mkdtemp(join(tmpdir(), 'gatebench-k6-open-')));
  });

  it('type-checks every exported script against @types/k6', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-k6-tsc-'));
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2020',
        lib: ['ES2020'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        types: ['k6'],
        typeRoots: [join(repoRoot, 'node_modules/@types')],
        skipLibCheck: true,
      },
      files: [closedExport.entryTs, closedExport.runtimeTs, openExport.entryTs, openExport.runtimeTs],
    };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const result = await run(join(repoRoot, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')]).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
  });

  it('bundles into plain JavaScript that imports only k6 modules', async () => {
    const js = await readFile(closedExport.scriptJs, 'utf8');
    // Whitespace is minified, so imports sit side by side: `import http from"k6/http";import{check,sleep}from"k6";`.
    const imports = [...js.matchAll(/import\s*[\w{},\s]*?\s*from\s*"([^"]+)";/g)].map((match) => match[1]);
    expect(new Set(imports)).toEqual(new Set(['k6/http', 'k6', 'k6/execution']));
    expect(js).not.toContain('gatebench-k6.js');
    expect(js).toMatch(/export\s*\{[^}]*handleSummary/s);
    // No secret from the scenario reaches the script.
    expect(js).not.toContain('not-a-real-token');
    expect(js).not.toContain('not-a-real-key');
    // The header survives bundling and names the oldest k6 the script runs on.
    expect(js.split('\n').find((line) => line.startsWith('// Needs k6'))).toBe('// Needs k6 v0.45.0 or newer (the phase tag is set through exec.vu.metrics.tags).');
    expect(await readFile(closedExport.entryTs, 'utf8')).toContain('// Needs k6 v0.45.0 or newer');
  });

  it('embeds the plan once, compact: the bundle is the plan, the options and the runtime, with no second copy', async () => {
    const js = await readFile(closedExport.scriptJs, 'utf8');
    const planJson = JSON.stringify(closedExport.plan);
    const pointId = closedExport.plan.points[0]!.point.pointId;
    // esbuild prints the data as object literals (`pointId:"…"`): the plan's point appears once, not twice.
    expect(js.match(new RegExp(`"?pointId"?:\\s*"${pointId}"`, 'g'))).toHaveLength(1);
    // Minified whitespace: the bundle is not much larger than the plan and options as compact JSON.
    const optionsJson = JSON.stringify((await loadExportedScript(closedExport.entryTs, { GATEBENCH_BEARER_TOKEN: 't' }, stubState())).options);
    expect(Buffer.byteLength(js)).toBeLessThan(Buffer.byteLength(planJson) + Buffer.byteLength(optionsJson) + 12_000);
  });

  it('refuses a measured window under 1 s, which k6 would refuse only once the test starts', async () => {
    const short = { ...closed, timing: { ...closed.timing, warmupMs: 0, durationMs: 500 } };
    const error = await exportK6(short, await mkdtemp(join(tmpdir(), 'gatebench-k6-short-'))).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'GB_CONFIG_INVALID', message: 'timing.duration is 500 ms: k6 runs no scenario shorter than 1 s (constant-vus and constant-arrival-rate refuse it)' });
    expect((error as { hint?: string }).hint).toMatch(/timing\.duration to 1s or more/);
    await expect(exportK6({ ...closed, timing: { ...closed.timing, durationMs: 1000 } }, await mkdtemp(join(tmpdir(), 'gatebench-k6-1s-')))).resolves.toBeDefined();
  });

  it('maps the closed model with ramp-up to ramping-vus, in sequence, with thresholds from the SLO', async () => {
    const script = await loadExportedScript(closedExport.entryTs, { GATEBENCH_BEARER_TOKEN: 't0k', GATEBENCH_HEADER_X_API_KEY: 'k3y' }, stubState());
    const { scenarios, thresholds, tags } = script.options;
    const points = closedExport.plan.points;
    expect(points).toHaveLength(2 * 2 * 2 * 2);
    const load = points.map((pointPlan) => scenarios[pointPlan.k6Scenario]!);
    expect(load.map((s) => s.executor)).toEqual(points.map(() => 'ramping-vus'));
    expect(load.map((s) => (s.stages as Array<{ target: number; duration: string }>).map((stage) => `${stage.duration}->${stage.target}`))).toEqual(
      points.map((pointPlan) => [`2000ms->${pointPlan.point.concurrency}`, `23000ms->${pointPlan.point.concurrency}`]),
    );
    // Points run one after another: previous start + warm-up + duration + graceful stop (= timeout) + pause.
    const starts = load.map((s) => Number(String(s.startTime).replace('ms', '')));
    expect(starts[0]).toBe(2000);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(5000 + 20000 + 10000 + 1000 + 2000);
    expect(load.every((s) => s.gracefulStop === '10000ms' && s.exec === 'iteration')).toBe(true);
    // One backend-configuring iteration 2 s before each point.
    expect(scenarios[`${points[1]!.k6Scenario}_backend`]).toMatchObject({ executor: 'shared-iterations', iterations: 1, exec: 'configureBackend', startTime: `${starts[1]! - 2000}ms` });
    const first = points[0]!.point.pointId;
    expect(thresholds[`http_req_duration{point:${first},phase:measure}`]).toEqual(['p(99)<=250']);
    expect(thresholds[`http_req_failed{point:${first},phase:measure}`]).toEqual(['rate<=0.01']);
    // gb_test is on every scenario, not in options.tags, which any `--tag` on k6's command line replaces
    // (k6-operator always passes --tag instance_id=… --tag testrun_name=…).
    expect(tags).toBeUndefined();
    expect(Object.values(scenarios).map((s) => (s.tags as Record<string, string>).gb_test)).toEqual(Object.keys(scenarios).map(() => closedExport.plan.testId));
  });

  it('maps the open model to constant-arrival-rate with maxVUs from the in-flight cap', async () => {
    const script = await loadExportedScript(openExport.entryTs, { GATEBENCH_BASE_URL: 'http://127.0.0.1:1', GATEBENCH_CLIENT_SECRET: 's' }, stubState());
    const load = openExport.plan.points.map((pointPlan) => script.options.scenarios[pointPlan.k6Scenario]!);
    expect(load.map((s) => [s.executor, s.rate, s.timeUnit, s.duration, s.maxVUs])).toEqual([
      ['constant-arrival-rate', 50, '1s', '13000ms', 200],
      ['constant-arrival-rate', 25, '2s', '13000ms', 200],
    ]);
    expect(load.every((s) => (s.preAllocatedVUs as number) >= 1 && (s.preAllocatedVUs as number) <= 200)).toBe(true);
    // No SLO: thresholds that always pass, only to keep per-point figures in the summary.
    expect(script.options.thresholds[`http_req_duration{point:${openExport.plan.points[0]!.point.pointId},phase:measure}`]).toEqual(['max>=0']);
  });

  it('sends the exact WSO2 payload, the headers and the bearer token, and tags the phase', async () => {
    const state = stubState();
    const env: Record<string, string> = { GATEBENCH_BEARER_TOKEN: 't0k', GATEBENCH_HEADER_X_API_KEY: 'k3y' };
    const script = await loadExportedScript(closedExport.entryTs, env, state);
    const data = script.setup();
    for (const [position, pointPlan] of closedExport.plan.points.entries()) {
      env.GB_POINT = String(position);
      state.scenarioStartTime = Date.now() - (position % 2 === 0 ? 0 : 60_000);
      state.answer = (request) => ({ status: 200, body: new TextEncoder().encode(String(request.body)).buffer as ArrayBuffer });
      script.iteration(data);
      const request = state.requests.at(-1)!;
      expect(request.url).toBe(`http://127.0.0.1:8290${pointPlan.point.api === 'mediation' ? closed.target.routes.mediation : closed.target.routes.echo}`);
      expect(request.body).toBe(wso2Payload(pointPlan.point.messageSizeBytes).toString('latin1'));
      expect(request.params?.headers).toMatchObject({ Authorization: 'Bearer t0k', 'X-Api-Key': 'k3y', 'X-Trace': 'gatebench', 'Content-Type': 'application/json' });
      expect(state.vuTags.phase).toBe(position % 2 === 0 ? 'warmup' : 'measure');
    }
    // Echo points check the body length; mediation points only the status.
    const echoPoints = closedExport.plan.points.filter((pointPlan) => pointPlan.point.api === 'echo').length;
    expect(state.checks.filter((c) => c.name === 'body length' && c.ok)).toHaveLength(echoPoints);
    expect(state.checks.filter((c) => !c.ok)).toHaveLength(0);
  });

  it('a GET scenario asks each response size of the mock with no body, and checks its length', async () => {
    const get: Scenario = { ...closed, request: { method: 'GET' } };
    const getExport = await exportK6(get, await mkdtemp(join(tmpdir(), 'gatebench-k6-get-')));
    const state = stubState();
    const env: Record<string, string> = { GATEBENCH_BEARER_TOKEN: 't0k', GATEBENCH_HEADER_X_API_KEY: 'k3y' };
    const script = await loadExportedScript(getExport.entryTs, env, state);
    const data = script.setup();
    for (const [position, pointPlan] of getExport.plan.points.entries()) {
      env.GB_POINT = String(position);
      // The mock answers each size exactly; a 1-byte-short answer to the first echo point must fail its check.
      const short = position === 0 ? 1 : 0;
      state.answer = () => ({ status: 200, body: new ArrayBuffer(pointPlan.point.messageSizeBytes - short) });
      script.iteration(data);
      const request = state.requests.at(-1)!;
      const route = pointPlan.point.api === 'mediation' ? get.target.routes.mediation : get.target.routes.echo;
      expect(request).toMatchObject({ method: 'GET', url: `http://127.0.0.1:8290${route}?size=${pointPlan.point.messageSizeBytes}`, body: undefined });
      expect(request.params?.headers).toMatchObject({ Authorization: 'Bearer t0k', 'X-Api-Key': 'k3y' });
      expect(request.params?.headers).not.toHaveProperty('Content-Type');
    }
    expect(getExport.plan.points[0]!.point.api).toBe('echo');
    const lengthChecks = state.checks.filter((c) => c.name === 'body length');
    expect(lengthChecks).toHaveLength(getExport.plan.points.filter((pointPlan) => pointPlan.point.api === 'echo').length);
    expect(lengthChecks.filter((c) => !c.ok)).toHaveLength(1);
  });

  it('fetches an OAuth2 token in setup() and sets the backend sleep through the admin URL', async () => {
    const state = stubState();
    state.answer = () => ({ status: 200, body: '{"access_token":"tok-123","expires_in":3600}' });
    const script = await loadExportedScript(openExport.entryTs, { GATEBENCH_BASE_URL: 'http://127.0.0.1:1', GATEBENCH_CLIENT_SECRET: 'sec' }, state);
    expect(script.setup()).toEqual({ token: 'tok-123' });
    expect(state.requests[0]).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:9443/oauth2/token', body: { grant_type: 'client_credentials', client_id: 'gatebench', client_secret: 'sec' } });

    const closedState = stubState();
    const env: Record<string, string> = { GATEBENCH_BEARER_TOKEN: 't', GATEBENCH_HEADER_X_API_KEY: 'k', GB_POINT: '3' };
    const closedScript = await loadExportedScript(closedExport.entryTs, env, closedState);
    closedScript.configureBackend();
    expect(closedState.requests[0]).toMatchObject({ method: 'PUT', url: 'http://127.0.0.1:8689/config', body: JSON.stringify({ sleepMs: closedExport.plan.points[3]!.point.backendSleepMs }) });
  });

  it('loads without secrets (as k6-operator\'s initializer does) but refuses to start the test, naming the variable', async () => {
    const closedScript = await loadExportedScript(closedExport.entryTs, { GATEBENCH_BEARER_TOKEN: 't' }, stubState());
    expect(() => closedScript.setup()).toThrow(/GATEBENCH_HEADER_X_API_KEY/);
    const openScript = await loadExportedScript(openExport.entryTs, {}, stubState());
    expect(() => openScript.setup()).toThrow(/GATEBENCH_BASE_URL/);
  });
});
