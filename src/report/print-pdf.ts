/**
 * `gatebench report --pdf`: prints a written index.html to report.pdf beside it through a locally installed
 * Chromium (Debian's `chromium`, the one the browser test drives), with playwright-core. No browser is
 * downloaded: with none installed it throws GB_NOT_AVAILABLE saying what to install.
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GatebenchError } from '../errors.js';
import { findExecutable, isExecutableFile } from '../runtime/find-executable.js';

/** Names the Chromium to use (a path, or a name on PATH) instead of searching; one that names no executable file is an error. */
export const CHROMIUM_ENV = 'GATEBENCH_CHROMIUM';

/** Headless Chromium as a sandboxed service runs it: no sandbox (containers lack user namespaces), no GPU, nothing fetched. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT = `install Debian's chromium (apt-get install chromium), or set ${CHROMIUM_ENV} to a Chromium or Chrome executable; the HTML report does not need it`;

/** The Chromium to print with: $GATEBENCH_CHROMIUM when set, else `chromium` (or `chromium-browser`) on PATH or in /usr/bin. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const named = env[CHROMIUM_ENV];
  if (named !== undefined && named !== '') {
    const found = named.includes('/') ? (isExecutableFile(named) ? named : undefined) : findExecutable(named);
    if (found === undefined) throw new GatebenchError('GB_NOT_AVAILABLE', `${CHROMIUM_ENV}=${named} names no executable file, so no PDF was printed`, { hint: INSTALL_HINT });
    return found;
  }
  const found = findExecutable('chromium') ?? findExecutable('chromium-browser');
  if (found === undefined) throw new GatebenchError('GB_NOT_AVAILABLE', '--pdf needs Chromium, which is not installed (no `chromium` on PATH or in /usr/bin), so no PDF was printed', { hint: INSTALL_HINT });
  return found;
}

/**
 * Prints `htmlFile` to `report.pdf` in its folder (A4, backgrounds printed) once every chart image has decoded,
 * and returns the PDF's path. The page is the report's own print layout (`@media print`).
 */
export async function printPdf(htmlFile: string, executablePath: string = findChromium()): Promise<string> {
  const pdfFile = join(dirname(htmlFile), 'report.pdf');
  // Loaded only here: a report without --pdf never pays for playwright-core.
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  } catch (error) {
    throw new GatebenchError('GB_NOT_AVAILABLE', `${executablePath} would not start, so no PDF was printed: ${firstLine(error)}`, { hint: INSTALL_HINT, cause: error });
  }
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    // The charts are <img> data: URIs; decode() settles once each is ready to paint (and rejects on a broken one).
    await page.evaluate('Promise.all(Array.from(document.images, (image) => image.decode())).then(() => undefined)');
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    return pdfFile;
  } catch (error) {
    throw new GatebenchError('GB_NOT_AVAILABLE', `${executablePath} could not print ${htmlFile} to PDF: ${firstLine(error)}`, { cause: error });
  } finally {
    await browser.close();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
