import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { buildK6Plan } from '../../src/k6/k6-plan.js';
import { planRun, scenarioHash } from '../../src/plan/plan.js';
import { buildLoadOptions } from '../../src/run/load-options.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import type { StartedTarget } from '../../src/targets/types.js';

const target: StartedTarget = {
  baseUrl: 'http://127.0.0.1:8280',
  echoPath: '/echo',
  mediationPath: '/mediation',
  requestHeaders: async () => ({ authorization: 'Bearer t' }),
  processes: () => [],
  description: 'test',
  close: async () => {},
};

function scenarioWith(lines: string[]) {
  return parseScenario(['target: embedded', 'sweep:', '  messageSizes: [1KiB, 10KiB]', '  concurrency: [2]', ...lines].join('\n'), 'get.yaml', { env: {} });
}

function issuesOf(yaml: string): Array<{ path: string; message: string }> {
  try {
    parseScenario(yaml, 'get.yaml', { env: {} });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('get.yaml');
    return (error as ConfigError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected a ConfigError');
}

describe('request.method', () => {
  it('is POST when left out: no field in the scenario, the same hash, ids and no method on the points', () => {
    const plain = scenarioWith([]);
    const explicit = scenarioWith(['request: { method: POST }']);
    expect(plain.request).toBeUndefined();
    expect(explicit.request).toBeUndefined();
    expect(scenarioHash(explicit)).toBe(scenarioHash(plain));
    const points = planRun(plain).points;
    expect(points.map((point) => point.pointId)).toEqual(['echo-1KiB-0ms-c2-r1', 'echo-10KiB-0ms-c2-r1']);
    expect(points.every((point) => !('method' in point))).toBe(true);
  });

  it('GET (any case): distinct point and series ids, the method on every point, a different hash', () => {
    const get = scenarioWith(['request: { method: get }', 'timing: { prime: off }']);
    expect(get.request).toEqual({ method: 'GET' });
    expect(scenarioHash(get)).not.toBe(scenarioHash(scenarioWith(['timing: { prime: off }'])));
    const points = planRun(get).points;
    expect(points.map((point) => [point.pointId, point.seriesKey, point.method])).toEqual([
      ['get-echo-1KiB-0ms-c2-r1', 'get-echo-1KiB-0ms', 'GET'],
      ['get-echo-10KiB-0ms-c2-r1', 'get-echo-10KiB-0ms', 'GET'],
    ]);
  });

  it('refuses another method and unknown keys, naming the field', () => {
    expect(issuesOf('target: embedded\nrequest: { method: PUT }\nsweep: { messageSizes: [1KiB], concurrency: [1] }\n')).toEqual([{ path: 'request.method', message: 'expected GET or POST' }]);
    expect(issuesOf('target: embedded\nrequest: { verb: GET }\nsweep: { messageSizes: [1KiB], concurrency: [1] }\n')).toEqual([{ path: 'request.verb', message: 'unknown key; allowed here: method' }]);
  });

  it('GET in front of your own backend: one size, since your API decides it', () => {
    const yaml = (sizes: string) => `target: { baseUrl: "http://127.0.0.1:8243" }\nbackend: own\nrequest: { method: GET }\nsweep: { messageSizes: ${sizes}, concurrency: [1] }\n`;
    expect(issuesOf(yaml('[1KiB, 10KiB]'))).toEqual([
      {
        path: 'sweep.messageSizes',
        message: 'method GET with backend kind own: your API decides the response size, so messageSizes must hold exactly one value (its response size), not 2',
      },
    ]);
    expect(parseScenario(yaml('[1KiB]'), 'get.yaml', { env: {} }).request).toEqual({ method: 'GET' });
  });

  it('GET load options: no body, ?size= for the mock backend, the response length checked instead of an echo', () => {
    const get = scenarioWith(['  mediation: [off, on]', '  direct: true', 'request: { method: GET }']);
    const body = new Uint8Array(1024);
    const [echo, , mediation, , direct] = planRun(get).points;
    const echoOptions = buildLoadOptions(get, echo!, target, body, { authorization: 'Bearer t' });
    expect(echoOptions.request).toEqual({ url: 'http://127.0.0.1:8280/echo?size=1024', method: 'GET', headers: { authorization: 'Bearer t' } });
    expect(echoOptions.checks).toEqual({ statusClass: 2, responseBytes: 1024 });
    const mediationOptions = buildLoadOptions(get, mediation!, target, body, {});
    expect(mediationOptions.request.url).toBe('http://127.0.0.1:8280/mediation?size=1024');
    expect(mediationOptions.checks).toEqual({ statusClass: 2 });
    expect(buildLoadOptions(get, direct!, target, body, {}, 'http://127.0.0.1:8688').request.url).toBe('http://127.0.0.1:8688/?size=1024');

    const post = scenarioWith([]);
    const postOptions = buildLoadOptions(post, planRun(post).points[0]!, target, body, {});
    expect(postOptions.request).toMatchObject({ url: 'http://127.0.0.1:8280/echo', method: 'POST', body });
    expect(postOptions.checks).toEqual({ statusClass: 2, echo: true, responseBytes: 1024 });
  });

  it('GET in front of your own backend: no query and no size check', () => {
    const own = parseScenario('target: { baseUrl: "http://127.0.0.1:8243" }\nbackend: own\nrequest: { method: GET }\nsweep: { messageSizes: [2KiB], concurrency: [1] }\n', 'own.yaml', { env: {} });
    const options = buildLoadOptions(own, planRun(own).points[0]!, target, new Uint8Array(0), {});
    expect(options.request).toEqual({ url: 'http://127.0.0.1:8280/echo', method: 'GET', headers: {} });
    expect(options.checks).toEqual({ statusClass: 2 });
  });

  it('the k6 plan asks the same query and checks the same length as the built-in engine', () => {
    const get = scenarioWith(['request: { method: GET }']);
    const plan = buildK6Plan(get);
    for (const pointPlan of plan.points) {
      const options = buildLoadOptions(get, pointPlan.point, target, new Uint8Array(0), {});
      expect(`${target.baseUrl}${pointPlan.route}${pointPlan.query}`).toBe(options.request.url);
      expect(pointPlan.responseBytes).toBe(options.checks.responseBytes);
    }
    expect(plan.points.map((pointPlan) => pointPlan.query)).toContain('?size=10240');
    expect(buildK6Plan(scenarioWith([])).points.every((pointPlan) => pointPlan.query === '')).toBe(true);
  });
});
