import { describe, expect, it } from 'vitest';
import { parseMixYaml, parseUslCsv } from '../../src/analysis/load-inputs.js';
import { ConfigError } from '../../src/errors.js';
import { planRequestFromFlags } from '../../src/cli/commands/plan.js';
import { makeRun } from '../fixtures/analysis/make-run.js';

describe('analysis inputs', () => {
  it('reads n,throughput rows, counting repeated n as repetitions', () => {
    expect(parseUslCsv('n,throughput,note\n1,100,a\n1,110,b\n10,900,c\n', 'x.csv')).toEqual([
      { concurrency: 1, throughputRps: 100, repetition: 1 },
      { concurrency: 1, throughputRps: 110, repetition: 2 },
      { concurrency: 10, throughputRps: 900, repetition: 1 },
    ]);
    expect(() => parseUslCsv('n,throughput\n1,abc\n', 'x.csv')).toThrow(/x.csv:2: column "throughput" holds "abc", which is not a number/);
    expect(() => parseUslCsv('n,throughput\n0,100\n', 'x.csv')).toThrow(/x.csv:2: n must be at least 1/);
  });

  it('reads a mix file with units, and reports every problem with its path', () => {
    const mix = parseMixYaml('mix:\n  - { name: orders, api: mediation, size: 1KiB, sleep: 30ms, weight: 30 }\n  - { api: echo, size: 10KiB, sleep: 0, weight: 70 }\n', 'mix.yaml');
    expect(mix).toEqual([
      { name: 'orders', api: 'mediation', messageSizeBytes: 1024, backendSleepMs: 30, weight: 30 },
      { name: 'echo-2', api: 'echo', messageSizeBytes: 10240, backendSleepMs: 0, weight: 70 },
    ]);
    try {
      parseMixYaml('- { api: soap, size: 1KiB, weight: 1, colour: red }\n', 'bad.yaml');
      expect.unreachable('must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues.map((issue) => issue.path);
      expect(issues).toEqual(['mix[0].colour', 'mix[0].api', 'mix[0].sleep']);
    }
  });
});

describe('plan flags', () => {
  const run = makeRun([{ concurrency: 10, throughputRps: 100, backendSleepMs: 30 }, { concurrency: 10, throughputRps: 100, backendSleepMs: 30, messageSizeBytes: 10240 }], { sloP99Ms: 150 });

  it('splits --mediation into an echo/mediation mix and takes the SLO from the scenario', async () => {
    const request = await planRequestFromFlags(run, { rate: '5000', size: '1KiB', mediation: '20%' });
    expect(request).toEqual({
      targetRps: 5000,
      sloP99Ms: 150,
      headroomPct: 30,
      mix: [
        { name: 'echo', api: 'echo', messageSizeBytes: 1024, backendSleepMs: 30, weight: 80 },
        { name: 'mediation', api: 'mediation', messageSizeBytes: 1024, backendSleepMs: 30, weight: 20 },
      ],
    });
  });

  it('asks for --size when the run measured several, and for --rate when none is set', async () => {
    await expect(planRequestFromFlags(run, { rate: '100' })).rejects.toThrow(/several values of size \(1KiB, 10KiB\): pick one with --size/);
    await expect(planRequestFromFlags(run, { size: '1KiB' })).rejects.toThrow(/no target rate: give --rate/);
    await expect(planRequestFromFlags(run, { rate: '100', mix: 'm.yaml', size: '1KiB' })).rejects.toThrow(/--mix gives size, sleep and API per entry: drop --size/);
  });
});
