import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { wso2Payload } from '../../src/payload.js';
import { planRun } from '../../src/plan/plan.js';
import { judgeResponse, preflightRequests, runPreflight } from '../../src/run/preflight.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { startBackend, startTarget, type StartedBackend, type StartedTarget } from '../../src/targets/index.js';
import { startTestServer, type TestServer } from '../engine/servers.js';
import { deadPort } from '../targets/local-backend.js';

function scenarioFor(target: string, sizes = '[50B, 1KiB]') {
  return parseScenario([`target: ${target}`, 'sweep:', `  messageSizes: ${sizes}`, '  concurrency: [1, 2]', '  mediation: [off, on]'].join('\n'), 'preflight.yaml');
}

/** An external target at a URL, with no process of ours behind it. */
function external(baseUrl: string): StartedTarget {
  return { baseUrl, echoPath: '/echo', mediationPath: '/mediation', requestHeaders: async () => ({}), processes: () => [], description: 'test', close: async () => {} };
}

const noBackend: StartedBackend = { url: '', processes: () => [], description: 'none', close: async () => {} };

async function failure(promise: Promise<unknown>): Promise<GatebenchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GatebenchError)) throw new Error(`expected a GatebenchError, got ${String(error)}`);
  return error;
}

describe('preflight', () => {
  it('sends one request per API the points use, at its smallest size', () => {
    const scenario = scenarioFor('embedded', '[10KiB, 1KiB, 100KiB]');
    expect(preflightRequests(planRun(scenario).points)).toEqual([
      { api: 'echo', messageSizeBytes: 1024 },
      { api: 'mediation', messageSizeBytes: 1024 },
    ]);
    const echoOnly = planRun(scenario).points.filter((point) => point.api === 'echo');
    expect(preflightRequests(echoOnly)).toEqual([{ api: 'echo', messageSizeBytes: 1024 }]);
  });

  it('passes through the real embedded gateway and mock backend, recording each route', async () => {
    const scenario = scenarioFor('embedded');
    const backend = await startBackend(scenario.backend);
    const target = await startTarget(scenario.target, backend);
    try {
      const checks = await runPreflight({ scenario, points: planRun(scenario).points, target, backend, body: wso2Payload });
      expect(checks.map((check) => [check.api, check.status, check.messageSizeBytes])).toEqual([
        ['echo', 200, 50],
        ['mediation', 200, 50],
      ]);
      expect(checks[0]!.url).toBe(`${target.baseUrl}/echo`);
    } finally {
      await target.close();
      await backend.close();
    }
  });

  it('a closed port: exit code 3, naming the URL and that nothing listens', async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const scenario = scenarioFor('{ baseUrl: "http://127.0.0.1:9" }');
    const error = await failure(runPreflight({ scenario, points: planRun(scenario).points, target: external(url), backend: noBackend, body: wso2Payload }));
    expect(error.code).toBe('GB_PREFLIGHT_FAILED');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`preflight: POST ${url}/echo (echo, 50B) failed: connection refused (ECONNREFUSED)`);
    expect(error.hint).toContain('nothing listens there');
  });

  describe('against servers that answer wrongly', () => {
    let badGateway: TestServer;
    let wrongBody: TestServer;
    beforeAll(async () => {
      badGateway = await startTestServer((_request, response) => response.writeHead(502, { 'content-type': 'text/plain' }).end('upstream connect error'));
      wrongBody = await startTestServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}'));
    });
    afterAll(async () => {
      await badGateway.close();
      await wrongBody.close();
    });

    it('a 502: exit code 3, with the status, the body and the backend as the likely cause', async () => {
      const scenario = scenarioFor('{ baseUrl: "http://127.0.0.1:9" }');
      const base = badGateway.url.replace(/\/$/, '');
      const error = await failure(runPreflight({ scenario, points: planRun(scenario).points, target: external(base), backend: noBackend, body: wso2Payload }));
      expect(error.exitCode).toBe(3);
      expect(error.message).toBe(`preflight: POST ${base}/echo (echo, 50B) answered HTTP 502: expected 2xx\n  body: "upstream connect error"`);
      expect(error.hint).toContain('could not reach its backend');
    });

    it('the wrong body: exit code 3, saying it is not the echo', async () => {
      const scenario = scenarioFor('{ baseUrl: "http://127.0.0.1:9" }');
      const base = wrongBody.url.replace(/\/$/, '');
      const error = await failure(runPreflight({ scenario, points: planRun(scenario).points, target: external(base), backend: noBackend, body: wso2Payload }));
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain(`POST ${base}/echo (echo, 50B) answered HTTP 200: the body is not the request echoed back (sent 50 bytes, got 17)`);
      expect(error.message).toContain('body: "{\\"hello\\":\\"world\\"}"');
      expect(error.hint).toContain('target.routes.echo');
      const mediationOnly = planRun(scenario).points.filter((point) => point.api === 'mediation');
      const mediation = await failure(runPreflight({ scenario, points: mediationOnly, target: external(base), backend: noBackend, body: wso2Payload }));
      expect(mediation.message).toContain('the body has the keys {hello}; the mediation API rebuilds exactly {payload, size}');
    });
  });

  it('judges responses: the rebuilt mediation shape passes, other bodies and statuses do not', () => {
    const sent = wso2Payload(100);
    expect(judgeResponse('mediation', 200, sent, Buffer.from(sent), false, false)).toBeUndefined();
    expect(judgeResponse('mediation', 200, sent, Buffer.from('{"payload":"x","size":"100B"}'), false, false)?.what).toBe('payload or size differ from the request sent');
    expect(judgeResponse('mediation', 200, sent, Buffer.from('not json'), false, false)?.what).toContain('not JSON');
    // Behind the user's own backend nothing is known of the body: only the status counts.
    expect(judgeResponse('mediation', 200, sent, Buffer.from('not json'), false, true)).toBeUndefined();
    expect(judgeResponse('echo', 401, sent, Buffer.alloc(0), true, false)?.hint).toContain('target.auth');
    expect(judgeResponse('echo', 404, sent, Buffer.alloc(0), true, false)?.hint).toContain('target.routes.echo');
  });
});
