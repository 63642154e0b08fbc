import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * Loads an exported k6 entry script in Node, with k6's modules replaced by a recording stub, so tests can read
 * the real `options` object and call `iteration()` / `setup()` to see the requests it would send.
 * The stub answers every request with `answer(url)`; k6 itself is not installed here.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  body: unknown;
  params: { headers?: Record<string, string>; tags?: Record<string, string>; timeout?: string; responseType?: string } | undefined;
}

export interface StubState {
  requests: RecordedRequest[];
  checks: Array<{ name: string; ok: boolean }>;
  vuTags: Record<string, string>;
  scenarioStartTime: number;
  answer: (request: RecordedRequest) => { status: number; body: ArrayBuffer | string | null };
}

export interface LoadedScript {
  options: Record<string, unknown> & { scenarios: Record<string, Record<string, unknown>>; thresholds: Record<string, string[]> };
  setup(): Record<string, unknown>;
  iteration(data: Record<string, unknown>): void;
  configureBackend(): void;
  handleSummary(data: object): Record<string, string>;
}

const STUB_SOURCE = `
const state = globalThis.__k6stub;
function request(method, url, body, params) {
  const recorded = { method, url, body, params };
  state.requests.push(recorded);
  const answer = state.answer(recorded);
  return { status: answer.status, body: answer.body, json: () => JSON.parse(typeof answer.body === 'string' ? answer.body : 'null') };
}
const httpModule = {
  get: (url, params) => request('GET', url, undefined, params),
  post: (url, body, params) => request('POST', url, body, params),
  put: (url, body, params) => request('PUT', url, body, params),
  setResponseCallback: () => {},
  expectedStatuses: (...args) => args,
};
export function check(value, sets) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) { const ok = Boolean(fn(value)); state.checks.push({ name, ok }); all = all && ok; }
  return all;
}
export function sleep() {}
export const execution = {
  get scenario() { return { startTime: state.scenarioStartTime }; },
  vu: { metrics: { get tags() { return state.vuTags; } } },
  test: { abort: (reason) => { throw new Error('aborted: ' + reason); } },
};
`;

export async function loadExportedScript(entryTs: string, env: Record<string, string>, state: StubState): Promise<LoadedScript> {
  const dir = await mkdtemp(join(tmpdir(), 'gatebench-k6-load-'));
  const outfile = join(dir, 'script.mjs');
  await build({
    entryPoints: [entryTs],
    outfile,
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'k6-stub',
        setup(builder) {
          builder.onResolve({ filter: /^k6(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'k6-stub' }));
          builder.onLoad({ filter: /.*/, namespace: 'k6-stub' }, (args) => ({
            contents: `${STUB_SOURCE}\nexport default ${args.path === 'k6/execution' ? 'execution' : 'httpModule'};`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const globals = globalThis as unknown as { __ENV: Record<string, string>; __k6stub: StubState };
  globals.__ENV = env;
  globals.__k6stub = state;
  // The stub module is evaluated once per bundle; each load gets a fresh file so tests do not share state.
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  return (await import(pathToFileURL(outfile).href)) as LoadedScript;
}
