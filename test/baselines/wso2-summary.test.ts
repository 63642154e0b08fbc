import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../src/baselines/csv-table.js';
import { detectWso2Layout, parseWso2Summary } from '../../src/baselines/wso2-summary.js';
import { loadBaseline, baselinesDir } from '../../src/baselines/load-baseline.js';

const raw = (name: string) => join(baselinesDir(), 'raw', name);
const RAW_2019 = raw('wso2-native-summary_29col_product-apim_f8907cfb.csv');
const RAW_2020 = raw('wso2-native-summary_311col_performance-apim_ddcddbd_apim-3.1.0.csv');
const FIXTURE_2017 = 'test/fixtures/analysis/synthetic-summary-2017-layout.csv';

const table = (file: string) => parseCsvTable(readFileSync(file, 'utf8'), file);

describe('WSO2 summary.csv import', () => {
  it('detects the three layouts by header', () => {
    expect(detectWso2Layout(table(RAW_2019).header)).toBe('wso2-summary-2019');
    expect(detectWso2Layout(table(RAW_2020).header)).toBe('wso2-summary-2020');
    expect(detectWso2Layout(table(FIXTURE_2017).header)).toBe('wso2-summary-2017');
    expect(table(RAW_2019).header).toHaveLength(29);
    expect(table(RAW_2020).header).toHaveLength(311);
  });

  it('maps the 2019 layout (29 columns); cells checked by hand against the raw file', () => {
    const set = parseWso2Summary(table(RAW_2019));
    expect(set.points).toHaveLength(144);
    // line 2: Mediation,4G,50,50,0,...,3127.05,15.93,...,26 (p90),37 (p95),63 (p98),93 (p99)
    expect(set.points[0]).toMatchObject({ api: 'mediation', concurrency: 50, messageSizeBytes: 50, sleepMs: 0, throughputRps: 3127.05, avgLatencyMs: 15.93, p90LatencyMs: 26, p95LatencyMs: 37, p99LatencyMs: 93, errorPct: 0, sourceScenario: 'Mediation' });
    // line 81: Passthrough, 50 users, 1024 B, 1000 ms: 48.81 req/s, p99 1999
    expect(set.points[79]).toMatchObject({ api: 'echo', concurrency: 50, messageSizeBytes: 1024, sleepMs: 1000, throughputRps: 48.81, p90LatencyMs: 1003, p99LatencyMs: 1999 });
    expect(set.points[0]!.source).toBe(`${RAW_2019}:2`);
    expect(set.points[0]!.machine).toEqual({ description: expect.stringMatching(/^unknown machine.*, heap 4G$/), vCpus: null });
  });

  it('maps the 2020+ layout (311 columns); Transformation is mediation', () => {
    const set = parseWso2Summary(table(RAW_2020));
    expect(set.points).toHaveLength(144);
    // line 2: Passthrough,2G,50,50,0: 3142.49 req/s, avg 15.82, p90 28, p95 38, p99 85 (as in the shipped 3.1.0 CSV)
    expect(set.points[0]).toMatchObject({ api: 'echo', concurrency: 50, messageSizeBytes: 50, sleepMs: 0, throughputRps: 3142.49, avgLatencyMs: 15.82, p90LatencyMs: 28, p95LatencyMs: 38, p99LatencyMs: 85 });
    // line 145: Transformation, 1000 users, 10240 B, 1000 ms: 524.66 req/s, p99 2719
    expect(set.points[143]).toMatchObject({ api: 'mediation', sourceScenario: 'Transformation', concurrency: 1000, messageSizeBytes: 10240, sleepMs: 1000, throughputRps: 524.66, p99LatencyMs: 2719 });
  });

  it('maps the 2017 layout once told the API, and says so when not told', () => {
    expect(() => parseWso2Summary(table(FIXTURE_2017))).toThrow(/2017 summary.csv layout has no scenario column/);
    const set = parseWso2Summary(table(FIXTURE_2017), { api: 'echo' });
    expect(set.layout).toBe('wso2-summary-2017');
    expect(set.points[1]).toMatchObject({ api: 'echo', concurrency: 1000, messageSizeBytes: 10240, sleepMs: 500, throughputRps: 1830.55, avgLatencyMs: 543.1, p90LatencyMs: 590, p95LatencyMs: 640, p99LatencyMs: 870, errorPct: 0 });
  });

  it('gives the machine from the shipped vCPU table when named', async () => {
    const set = await loadBaseline(RAW_2020, { machineType: 'c5.large' });
    expect(set.points[0]!.machine).toEqual({ description: 'c5.large (2 vCPU, 4 GiB), heap 2G', instanceType: 'c5.large', vCpus: 2 });
    await expect(loadBaseline(RAW_2020, { machineType: 'z9.huge' })).rejects.toThrow(/unknown machine type "z9.huge"/);
  });

  it('names the file and the missing columns when a WSO2 header lacks one', () => {
    const text = readFileSync(RAW_2019, 'utf8').replace('Throughput (Requests/sec)', 'Throughput (per minute)');
    expect(() => parseWso2Summary(parseCsvTable(text, 'broken.csv'))).toThrow(/broken.csv: looks like a WSO2 summary.csv \(2019 layout\) but lacks column "Throughput \(Requests\/sec\)"/);
  });

  it('names the file and what was expected for an unknown layout', async () => {
    await expect(loadBaseline('test/fixtures/analysis/unknown-layout.csv')).rejects.toThrow(/unknown-layout.csv: unknown baseline layout \(header starts "users,rps,latency"\)/);
    await expect(loadBaseline('test/fixtures/analysis/nope.csv')).rejects.toThrow(/does not exist/);
  });

  it('refuses a scenario name it cannot map', () => {
    const text = readFileSync(RAW_2019, 'utf8').replace(/^Mediation,/m, 'GraphQL,');
    expect(() => parseWso2Summary(parseCsvTable(text, 'g.csv'))).toThrow(/g.csv:2: scenario "GraphQL" is neither/);
  });
});
