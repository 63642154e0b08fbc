import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/plan/plan.js';
import { generateComparisonReport } from '../../src/report/index.js';
import { CHROMIUM_ARGS } from '../../src/report/print-pdf.js';
import { runPlan } from '../../src/run/run-plan.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';
import { missingComponent } from '../helpers/components.js';
import { openReportPage } from '../helpers/report-page.js';

/**
 * Issue 13: a side-by-side report of three runs measured here (nginx, the reference gateway with 1 worker, the
 * same with 2 workers) opens in headless Chromium with no console error and every chart drawn.
 */
const missing = missingComponent('chromium') ?? missingComponent('nginx') ?? missingComponent('njs');

/** 1 size x 2 levels of echo = 2 short points per run; the same sweep for every gateway, so ratios line up. */
function tinyScenario(name: string, target: string) {
  return parseScenario(
    [
      `name: ${name}`,
      `target: ${target}`,
      'backend: embedded',
      'sweep:',
      '  messageSizes: [1KiB]',
      '  backendSleeps: [0ms]',
      '  concurrency: [2, 4]',
      '  mediation: [off]',
      'timing: { warmup: 200ms, duration: 600ms, pause: 0s, timeout: 5s, prime: off }',
    ].join('\n'),
    `${name}.yaml`,
  );
}

describe.skipIf(missing !== undefined)('side-by-side report of three real runs', () => {
  it('renders in headless Chromium with no console error, three runs listed and every chart drawn', { timeout: 240_000 }, async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'gatebench-sbs3-'));
    try {
      const runDirs: string[] = [];
      for (const [name, target] of [
        ['sbs-nginx', '{ kind: nginx, workers: 1 }'],
        ['sbs-ref', '{ kind: embedded, workers: 1 }'],
        ['sbs-ref2', '{ kind: embedded, workers: 2 }'],
      ] as const) {
        const scenario = tinyScenario(name, target);
        const result = await runPlan(scenario, planRun(scenario), { outDir: join(outDir, 'results') });
        expect(result.status, name).toBe('complete');
        expect(result.points.every((stored) => stored.result.requests > 0), name).toBe(true);
        runDirs.push(result.dir);
      }
      const reportDir = join(outDir, 'side-by-side');
      await generateComparisonReport({ runDirs, outDir: reportDir });

      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
      try {
        const { page, errors, url } = await openReportPage(browser, reportDir);
        await page.goto(url, { waitUntil: 'load' });
        const images = await page.$$eval('img', (imgs) => imgs.map((img) => img.complete && img.naturalWidth > 0));
        expect(images.length).toBeGreaterThan(0);
        expect(images.every(Boolean)).toBe(true);
        const heading = await page.locator('h1').first().textContent();
        expect(heading).toContain('3 runs');
        const body = await page.locator('body').textContent();
        for (const name of ['sbs-nginx', 'sbs-ref', 'sbs-ref2']) expect(body).toContain(name);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
