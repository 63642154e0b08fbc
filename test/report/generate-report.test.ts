import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReport } from '../../src/report/index.js';
import { WSO2_COLUMNS } from '../../src/store/summary-csv.js';
import { readRun } from '../../src/store/read-run.js';
import { FIXTURE_DIR, WSO2_460_BASELINE } from './fixture.js';
import { decodePng, isPng } from './png.js';

/** A full report from the committed fixture run: every file, section and chart, checked from disk. */


const SECTIONS: Array<[id: string, title: string]> = [
  ['headline', 'The answer'],
  ['summary', 'Executive summary'],
  ['scalability', 'Throughput and latency'],
  ['baseline', 'Comparison with published WSO2 figures'],
  ['capacity', 'Capacity plan'],
  ['utilisation', 'Utilisation'],
  ['stability', 'Stability over time'],
  ['distributions', 'Latency distributions'],
  ['points', 'All points'],
  ['method', 'Method'],
  ['caveats', 'Caveats'],
];

/** Main charts are 1000x560; grids are cells of 420x240 (timelines, 3 across) or 520x340 (distributions, 2 across) under a 36 px title. */
function expectedSize(file: string): [number, number] {
  if (file.startsWith('charts/timeline-')) return [3 * 420, 36 + 2 * 240]; // 4 load levels: 2 rows of 3
  if (file.startsWith('charts/distribution-')) return [2 * 520, 36 + 340]; // 2 sizes: 1 row of 2
  if (file.startsWith('charts/utilisation-')) return [3 * 420, 36 + 3 * 260]; // 8 series: 3 rows of 3
  return [1000, 560];
}

let outDir: string;
let files: string[];
let html: string;
let markdown: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'gatebench-report-'));
  const result = await generateReport({ runDir: FIXTURE_DIR, outDir, baseline: [WSO2_460_BASELINE] });
  files = result.files;
  expect(result.outDir).toBe(outDir);
  html = await readFile(join(outDir, 'index.html'), 'utf8');
  markdown = await readFile(join(outDir, 'report.md'), 'utf8');
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('generateReport on the run-small fixture', () => {
  it('writes every format and lists exactly the files on disk', async () => {
    for (const name of ['index.html', 'report.md', 'summary.csv', 'analysis.json']) expect(files).toContain(name);
    const charts = (await readdir(join(outDir, 'charts'))).map((name) => `charts/${name}`).sort();
    expect(files.filter((file) => file.startsWith('charts/')).sort()).toEqual(charts);
    // 2 sleeps x (throughput + latency), size, sleep, mediation, utilisation (CPU, RSS), 8 timelines, 4 distributions.
    expect(charts).toHaveLength(4 + 3 + 2 + 8 + 4);
  });

  it('has every section in index.html and report.md', () => {
    for (const [id, title] of SECTIONS) {
      expect(html).toContain(`<section id="${id}">`);
      expect(html).toContain(`<h2>${title}</h2>`);
      expect(markdown).toContain(`## ${title}`);
    }
  });

  it('makes index.html self-contained: every image inline, nothing fetched', () => {
    const sources = [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((match) => match[1]);
    expect(sources.length).toBe(files.filter((file) => file.startsWith('charts/')).length);
    for (const source of sources) expect(source.startsWith('data:image/png;base64,')).toBe(true);
    // Nothing the browser would fetch: no stylesheet links, script sources, CSS urls or remote src/href.
    const fetches = html.match(/<link\b|<script[^>]+src=|url\(|(?:src|href)=["']?(?:https?:)?\/\//g);
    expect(fetches).toBeNull();
  });

  it('links every chart from report.md by a relative path that exists', async () => {
    const links = [...markdown.matchAll(/!\[[^\]]*\]\((charts\/[^)]+\.png)\)/g)].map((match) => match[1]);
    expect(links.sort()).toEqual(files.filter((file) => file.startsWith('charts/')).sort());
  });

  it('renders every chart as a PNG of the stated size, not blank, with text drawn', async () => {
    for (const file of files.filter((name) => name.startsWith('charts/'))) {
      const bytes = await readFile(join(outDir, file));
      expect(isPng(bytes), file).toBe(true);
      const png = await decodePng(bytes);
      expect([png.width, png.height], file).toEqual(expectedSize(file));
      expect(png.distinctColours, file).toBeGreaterThan(5);
      // The title band (top 34 px) holds dark text only when a font rendered it.
      expect(png.darkPixelsIn(0, 0, png.width, 34), file).toBeGreaterThan(100);
    }
  });

  it('writes summary.csv with the WSO2 column names and one row per point', async () => {
    const rows = parse(await readFile(join(outDir, 'summary.csv'), 'utf8')) as string[][];
    expect(rows[0].slice(0, WSO2_COLUMNS.length)).toEqual([...WSO2_COLUMNS]);
    const run = await readRun(FIXTURE_DIR);
    expect(rows).toHaveLength(run.points.length + 1);
  });

  it('writes analysis.json as the run analysis', async () => {
    const analysis = JSON.parse(await readFile(join(outDir, 'analysis.json'), 'utf8')) as { schemaVersion: number; runId: string; points: unknown[] };
    expect(analysis.schemaVersion).toBe(1);
    expect(analysis.runId).toBe('run-small-fixture');
    expect(analysis.points).toHaveLength(32);
  });

  it('states the measured peak per size in the executive summary', async () => {
    const run = await readRun(FIXTURE_DIR);
    const echo1k = run.points.filter((p) => p.point.api === 'echo' && p.point.messageSizeBytes === 1024);
    const peak = Math.max(...echo1k.map((p) => p.result.throughputRps));
    const summary = markdown.slice(markdown.indexOf('## Executive summary'), markdown.indexOf('## Throughput and latency'));
    expect(summary).toContain(`${Math.round(peak).toLocaleString('en-US')} req/s`);
    expect(summary).toMatch(/\*\*SLO:\*\* .*\d+ of 32 points met it/);
  });

  it('describes both machines and the hardware difference beside the WSO2 comparison', () => {
    const section = markdown.slice(markdown.indexOf('## Comparison with published WSO2 figures'), markdown.indexOf('## Capacity plan'));
    expect(section).toContain('Synthetic 8-core CPU');
    expect(section).toContain('c5.large');
    expect(section).toMatch(/\*\*Hardware difference:\*\*.*8 cores.*2 vCPU/);
    // The fixture's echo 1KiB/10KiB at 0 ms and 100/200 users match published rows point by point.
    expect(section).toMatch(/\| echo \| 1KiB \| 0 ms \| 100 \|/);
  });

  it('detects the caveats from the manifest and the points', () => {
    const section = markdown.slice(markdown.indexOf('## Caveats'));
    expect(section).toContain('all ran on this one host');
    expect(section).toMatch(/load generator was saturated at 1 point \(echo-1KiB-0ms-c200-r1\)/);
    expect(section).toContain('Each point was measured for 10 s');
  });
});

/** `report --baseline` takes what `analyze` and `plan` take: "wso2" and "wso2:<part of a file name>" pick shipped figures. */
describe('generateReport baselines', () => {
  it('wso2:<part> compares with the shipped file whose name holds it, and names it', async () => {
    const dir = join(outDir, 'wso2-310');
    await generateReport({ runDir: FIXTURE_DIR, outDir: dir, baseline: ['wso2:3.1.0'] });
    const markdown = await readFile(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('Baseline: WSO2 APIM 3.1.0 c5.large (data/baselines/wso2-apim-3.1.0\\_c5.large\\_2G\\_sleep-sweep.csv)');
    expect(markdown).not.toContain('WSO2 APIM 4.6.0'); // only the one named, not the defaults
  });

  it('wso2:<part> matching no shipped file is an input error listing the shipped ones', async () => {
    await expect(generateReport({ runDir: FIXTURE_DIR, outDir: join(outDir, 'none'), baseline: ['wso2:9.9.9'] })).rejects.toMatchObject({
      code: 'GB_INPUT_INVALID',
      message: expect.stringContaining('no shipped baseline file name contains "9.9.9"'),
    });
  });
});
