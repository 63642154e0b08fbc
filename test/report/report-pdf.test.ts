import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingComponent } from '../helpers/components.js';
import { runCli } from '../helpers/run-cli.js';
import { FIXTURE_DIR } from './fixture.js';

/** `gatebench report --pdf` spawned from source: report.pdf through the installed Chromium, or exit 4 and the HTML kept. */
const missing = missingComponent('chromium');

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'gatebench-report-pdf-'));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe.skipIf(missing !== undefined)('gatebench report --pdf with Chromium installed', () => {
  it('prints report.pdf beside index.html, several A4 pages', async () => {
    const dir = join(outDir, 'printed');
    const result = await runCli(['report', FIXTURE_DIR, '--no-baseline', '--pdf', '--out', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^report: .*index\.html \(26 files in .*\)\npdf: .*report\.pdf\n$/);
    const pdf = await readFile(join(dir, 'report.pdf'));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // Each page is a `/Type /Page` object (the page tree is `/Type /Pages`); the report runs to many pages.
    const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    // A4 is 595 x 842 points; Chromium rounds each page's box to its own pixel grid, so allow under 2.
    const boxes = [...text.matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(boxes).toHaveLength(pages.length);
    for (const [width, height] of boxes) {
      expect(Math.abs(width! - 595)).toBeLessThan(2);
      expect(Math.abs(height! - 842)).toBeLessThan(2);
    }
  }, 120_000);
});

describe('gatebench report --pdf without a browser', () => {
  it('exits 4 saying what is missing and how to get it, and still writes index.html', async () => {
    const dir = join(outDir, 'no-browser');
    const absent = join(outDir, 'no-such-chromium');
    const result = await runCli(['report', FIXTURE_DIR, '--no-baseline', '--pdf', '--out', dir], { GATEBENCH_CHROMIUM: absent });
    expect(result.code).toBe(4); // GB_NOT_AVAILABLE
    expect(result.stderr).toContain(`gatebench: GATEBENCH_CHROMIUM=${absent} names no executable file, so no PDF was printed`);
    expect(result.stderr).toContain("hint: install Debian's chromium (apt-get install chromium), or set GATEBENCH_CHROMIUM");
    expect(result.stdout).toMatch(/^report: .*index\.html/);
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'report.pdf'))).toBe(false);
  });
});
