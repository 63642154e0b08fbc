import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadScenario, parseScenario } from '../../src/scenario/load-scenario.js';

const fixtures = resolve('test/fixtures/scenarios');
const env = {
  GB_TEST_API_KEY: 'key-123',
  GB_TEST_CLIENT_ID: 'client-abc',
  GB_TEST_CLIENT_SECRET: 'secret-xyz',
  GB_TEST_PASSWORD: 'pw-456',
};

/** Loads a fixture expecting a ConfigError, and returns its issues. */
async function issuesOf(name: string, options = { env: {} }): Promise<ConfigError['issues']> {
  const error = await loadScenario(join(fixtures, name), options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  const configError = error as ConfigError;
  expect(configError.code).toBe('GB_CONFIG_INVALID');
  expect(configError.message).toContain(join(fixtures, name));
  return configError.issues;
}

describe('loadScenario: a valid file', () => {
  it('normalizes every section into milliseconds, bytes and requests per second', async () => {
    const scenario = await loadScenario(join(fixtures, 'full.yaml'), { env });
    expect(scenario.name).toBe('full-example');
    expect(scenario.sourceFile).toBe(join(fixtures, 'full.yaml'));
    expect(scenario.target).toEqual({
      kind: 'external',
      baseUrl: 'https://gateway.example:8243',
      routes: { echo: '/echo/1.0.0', mediation: '/mediation/1.0.0' },
      headers: { 'X-Trace': 'on', 'X-Api-Key': 'key-123' },
      auth: {
        kind: 'oauth2',
        grant: 'password',
        tokenUrl: 'https://gateway.example:8243/token',
        clientId: 'client-abc',
        clientSecret: 'secret-xyz',
        username: 'admin',
        password: 'pw-456',
        scope: 'default',
        refreshMarginMs: 60_000,
      },
      tls: { insecure: false, caFile: join(fixtures, 'certs/ca.pem') },
    });
    expect(scenario.backend).toEqual({ kind: 'external-mock', url: 'http://backend.example:8688', adminUrl: 'http://backend.example:8689', adminToken: 'fixture-admin-token' });
    expect(scenario.sweep).toEqual({
      messageSizesBytes: [50, 1024, 10240, 102400],
      backendSleepsMs: [0, 30, 500, 1000],
      levels: { model: 'closed', concurrency: [100, 200] },
      apis: ['echo', 'mediation'],
      repetitions: 2,
      order: { kind: 'shuffled', seed: 7 },
    });
    expect(scenario.timing).toEqual({ warmupMs: 300_000, durationMs: 900_000, pauseMs: 30_000, timeoutMs: 120_000, primeMaxMs: 45_000, rampUpMs: 60_000, thinkTimeMs: 10 });
    expect(scenario.placement).toEqual({ kind: 'pinned', generator: { cpus: [0, 1] } });
    expect(scenario.slo).toEqual({ p99Ms: 1000, errorPct: 0.5, stopSeriesWhen: { errorPct: 5 } });
    expect(scenario.generator).toEqual({ workers: 3, client: 'undici' });
    expect(scenario.monitorPids).toEqual([4242]);
    expect(scenario.capacity).toEqual({ targetRps: 5000, headroomPct: 25 });
  });

  it('fills defaults and expands the `target: embedded` shortcut', () => {
    const scenario = parseScenario('target: embedded\nsweep:\n  messageSizes: [1KiB]\n  rates: [100/s, 30/m]\n', '/tmp/mini.yaml');
    expect(scenario.name).toBe('mini');
    expect(scenario.target).toMatchObject({ kind: 'embedded', workers: 1, auth: { kind: 'none' }, routes: { echo: '/echo', mediation: '/mediation' } });
    expect(scenario.backend).toEqual({ kind: 'embedded', workers: 1 });
    expect(scenario.sweep.levels).toEqual({ model: 'open', ratesRps: [100, 0.5], maxInFlight: 10_000 });
    expect(scenario.sweep.apis).toEqual(['echo']);
    expect(scenario.sweep.backendSleepsMs).toEqual([0]);
    expect(scenario.timing).toEqual({ warmupMs: 10_000, durationMs: 30_000, pauseMs: 2_000, timeoutMs: 30_000, primeMaxMs: 30_000, rampUpMs: 0, thinkTimeMs: 0 });
    expect(scenario.placement).toEqual({ kind: 'auto' });
  });

  it('reads the capacity question: mix, quietest rate and deployment flags; rejects a quietest rate above the target', () => {
    const yaml = (capacity: string) => `target: embedded\nsweep: { messageSizes: [1KiB], concurrency: [1] }\ncapacity:\n${capacity}`;
    const scenario = parseScenario(
      yaml('  targetRps: 5000\n  minRps: 1000\n  hybrid: true\n  mix:\n    - { api: echo, size: 10KiB, weight: 80% }\n    - { name: orders, api: mediation, size: 10KiB, sleep: 30ms, weight: 20 }\n'),
      'cap.yaml',
      { env: {} },
    );
    expect(scenario.capacity).toEqual({
      targetRps: 5000,
      headroomPct: 30,
      minRps: 1000,
      hybrid: true,
      mix: [
        { name: 'echo', api: 'echo', messageSizeBytes: 10240, backendSleepMs: 0, weight: 80 },
        { name: 'orders', api: 'mediation', messageSizeBytes: 10240, backendSleepMs: 30, weight: 20 },
      ],
    });
    let caught: unknown;
    try {
      parseScenario(yaml('  targetRps: 500\n  minRps: 800\n  mix: [{ api: soap, size: 1KiB, weight: 1 }]\n'), 'cap.yaml', { env: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).issues.map((issue) => issue.path)).toEqual(['capacity.mix[0].api']);
    expect(() => parseScenario(yaml('  targetRps: 500\n  minRps: 800\n'), 'cap.yaml', { env: {} })).toThrow(/capacity.minRps: the quietest rate must be more than 0 and at most targetRps \(500\)/);
  });

  it('writes a literal ${ with $${', () => {
    const scenario = parseScenario(
      'target:\n  kind: embedded\n  headers: { X-Template: "$${notAVar}" }\nsweep: { messageSizes: [1KiB], concurrency: [1] }\n',
      'x.yaml',
      { env: {} },
    );
    expect(scenario.target.headers['X-Template']).toBe('${notAVar}');
  });
});

describe('loadScenario: each class of bad file names the file, line and field', () => {
  it('YAML syntax error', async () => {
    const issues = await issuesOf('bad-syntax.yaml');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/^YAML syntax error: /);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('unknown key, with the keys allowed there', async () => {
    const issues = await issuesOf('bad-unknown-key.yaml');
    expect(issues).toEqual([
      { path: 'timing.durations', line: 7, message: 'unknown key; allowed here: warmup, duration, pause, timeout, prime, rampUp, thinkTime' },
    ]);
  });

  it('wrong type', async () => {
    const issues = await issuesOf('bad-wrong-type.yaml');
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['sweep.concurrency[1]', 4],
      ['sweep.repetitions', 5],
    ]);
    expect(issues[0]!.message).toContain('whole number');
  });

  it('bad unit, saying what is allowed', async () => {
    const issues = await issuesOf('bad-unit.yaml');
    expect(issues).toEqual([
      { path: 'sweep.messageSizes[1]', line: 5, message: '"10 KiBs" is not a size; use bytes or a unit: 50B, 1KiB, 10KiB, 100KiB, 1MiB' },
      { path: 'sweep.backendSleeps[0]', line: 6, message: expect.stringContaining('"30 msec" is not a duration; use') },
    ]);
    const error = await loadScenario(join(fixtures, 'bad-unit.yaml')).catch((caught: Error) => caught);
    expect((error as Error).message).toContain(`${join(fixtures, 'bad-unit.yaml')}:5 sweep.messageSizes[1]: "10 KiBs" is not a size`);
  });

  it('a bare number as a duration (5 would be read as 5 ms), saying how to write it', async () => {
    const issues = await issuesOf('bad-bare-duration.yaml');
    expect(issues).toEqual([
      { path: 'timing.duration', line: 6, message: '5 has no unit; write 5s or 5ms' },
      { path: 'timing.timeout', line: 7, message: '30 has no unit; write 30s or 30ms' },
    ]);
  });

  it('slo.errorRate: 1 % by default (marked so), or off when the scenario says off', () => {
    const base = ['target: embedded', 'sweep: { messageSizes: [1KiB], concurrency: [1] }'];
    expect(parseScenario(base.join('\n'), 'x.yaml').slo).toEqual({ errorPct: 1, errorPctIsDefault: true });
    expect(parseScenario([...base, 'slo: { errorRate: off }'].join('\n'), 'x.yaml').slo).toEqual({});
    expect(parseScenario([...base, 'slo: { errorRate: 0.5% }'].join('\n'), 'x.yaml').slo).toEqual({ errorPct: 0.5 });
  });

  it('own backend with several sleeps', async () => {
    const issues = await issuesOf('bad-own-backend-sleeps.yaml');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'sweep.backendSleeps', line: 6 });
    expect(issues[0]!.message).toContain('exactly one value');
  });

  it('missing environment variable, naming it', async () => {
    const issues = await issuesOf('bad-missing-env.yaml');
    expect(issues).toEqual([
      { path: 'target.auth.token', line: 5, message: expect.stringContaining('environment variable GB_TEST_UNSET_TOKEN is not set') },
    ]);
  });

  it('empty sweep dimension', async () => {
    const issues = await issuesOf('bad-empty-dimension.yaml');
    expect(issues).toEqual([{ path: 'sweep.backendSleeps', line: 4, message: 'backendSleeps is empty; list at least one value' }]);
  });

  it('reports every problem of a file at once, in line order', async () => {
    const issues = await issuesOf('bad-several.yaml');
    expect(issues.map((issue) => `${issue.line} ${issue.path}`)).toEqual([
      '3 target.colour',
      '5 sweep.messageSizes[1]',
      '9 timing.warmup',
    ]);
    expect(issues[1]!.message).toContain('cannot hold the WSO2 payload shape');
  });

  it('cross-field rules: both load models, half-configured auth', () => {
    const text = [
      'target:',
      '  baseUrl: http://127.0.0.1:1',
      '  auth: { kind: oauth2, grant: password, clientId: a, clientSecret: b }',
      'sweep:',
      '  messageSizes: [1KiB]',
      '  concurrency: [1]',
      '  rates: [10]',
    ].join('\n');
    const error = (() => {
      try {
        parseScenario(text, 'cross.yaml');
      } catch (caught) {
        return caught as ConfigError;
      }
      return undefined;
    })();
    expect(error?.issues.map((issue) => issue.path).sort()).toEqual([
      'sweep.rates',
      'target.auth.password',
      'target.auth.tokenUrl',
      'target.auth.username',
    ]);
  });

  it('placement: a bad CPU list and placing what gatebench does not start, each named with its fix', () => {
    const text = [
      'target: { baseUrl: http://127.0.0.1:1 }',
      'backend: { kind: own }',
      'sweep: { messageSizes: [1KiB], concurrency: [1] }',
      'placement: { gateway: 2, backend: "0", generator: "3-1" }',
    ].join('\n');
    let error: ConfigError | undefined;
    try {
      parseScenario(text, 'placement.yaml');
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error?.issues.map((issue) => [issue.path, issue.message]).sort()).toEqual([
      ['placement.backend', expect.stringContaining('only the embedded backend')],
      ['placement.gateway', expect.stringContaining('cannot place it')],
      ['placement.generator', expect.stringContaining('runs backwards; write the lower CPU first, e.g. 1-3')],
    ]);
    expect(parseScenario('target: embedded\nsweep: { messageSizes: [1KiB], concurrency: [1] }\nplacement: { gateway: 4 }', 'p.yaml').placement).toEqual({
      kind: 'pinned',
      gateway: { count: 4 },
    });
    expect(parseScenario('target: { baseUrl: http://127.0.0.1:1 }\nsweep: { messageSizes: [1KiB], concurrency: [1] }', 'p.yaml').placement).toEqual({ kind: 'off' });
  });

  it('a missing file is a ConfigError too', async () => {
    const error = await loadScenario(join(fixtures, 'no-such-file.yaml')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('file not found');
  });
});
