import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateComparisonReport, generateReport } from '../../src/report/index.js';
import { CHROMIUM_ARGS } from '../../src/report/print-pdf.js';
import { readRun } from '../../src/store/read-run.js';
import { missingComponent } from '../helpers/components.js';
import { openReportPage } from '../helpers/report-page.js';
import { FIXTURE_DIR } from './fixture.js';

/**
 * Opens index.html from disk in headless Chromium (Debian's /usr/bin/chromium), offline: no console error,
 * no broken image, nothing fetched but the file itself and its data: URIs, and the tables sort on click.
 * Set GATEBENCH_KEEP_REPORT=1 to keep the folder (and its screenshot) for a look.
 */
const missing = missingComponent('chromium');

describe.skipIf(missing !== undefined)('index.html in a real browser', () => {
  let outDir: string;
  let browser: Browser;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'gatebench-report-browser-'));
    await generateReport({ runDir: FIXTURE_DIR, outDir, baseline: [] });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (process.env.GATEBENCH_KEEP_REPORT === '1') console.log(`report kept in ${outDir}`);
    else await rm(outDir, { recursive: true, force: true });
  });

  it('opens offline with no console error, no broken image, and sortable tables', async () => {
    const { page, errors, url } = await openReportPage(browser, outDir);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });

    const images = await page.$$eval('img', (imgs) => imgs.map((img) => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight })));
    expect(images.length).toBe(21);
    for (const image of images) {
      expect(image.complete).toBe(true);
      expect(image.width).toBeGreaterThan(0);
      expect(image.height).toBeGreaterThan(0);
    }
    // The page itself and its inline images; nothing from the network.
    expect(requests.filter((request) => request !== url && !request.startsWith('data:'))).toEqual([]);

    // Sort the "All points" table by throughput: ascending on the first click, descending on the second.
    const table = page.locator('#points table');
    const header = table.locator('th', { hasText: /^Throughput$/ });
    const column = async (): Promise<number[]> =>
      table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.children[5].getAttribute('data-sort'))));
    await header.click();
    const ascending = await column();
    // Every point of the run, by its stored throughput, in ascending order.
    const throughputs = (await readRun(FIXTURE_DIR)).points.map((stored) => stored.result.throughputRps);
    expect(ascending).toEqual([...throughputs].sort((a, b) => a - b));
    expect(new Set(ascending).size).toBeGreaterThan(1);
    await header.click();
    const descending = await column();
    expect(descending).toEqual([...ascending].reverse());
    expect(await header.getAttribute('aria-sort')).toBe('descending');

    await page.evaluate('window.scrollTo(0, 0)');
    const screenshot = join(outDir, 'screenshot.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a side-by-side report of two real runs with no console error and every chart drawn', async () => {
    const compareDir = join(outDir, 'side-by-side');
    const quick = join(import.meta.dirname, '..', '..', 'results', 'examples', 'quick-2core-vm');
    await generateComparisonReport({ runDirs: [quick, FIXTURE_DIR], outDir: compareDir });
    const { page, errors, url } = await openReportPage(browser, compareDir);
    await page.goto(url, { waitUntil: 'load' });
    const images = await page.$$eval('img', (imgs) => imgs.map((img) => img.complete && img.naturalWidth > 0));
    expect(images).toEqual([true, true, true]);
    expect(await page.locator('#overview li').first().textContent()).toMatch(/^Different hosts: /);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
