import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

/** A report folder's index.html opened from disk, with every console error and page error collected. */
export async function openReportPage(browser: Browser, reportDir: string): Promise<{ page: Page; errors: string[]; url: string }> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const url = pathToFileURL(join(reportDir, 'index.html')).href;
  return { page, errors, url };
}
