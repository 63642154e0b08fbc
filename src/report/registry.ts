import { capacityJsonReporter, csvReporter, jsonReporter, regressionJsonReporter } from './data-reporters.js';
import { htmlReporter } from './html/html-reporter.js';
import { markdownReporter } from './markdown-reporter.js';
import type { Reporter } from './types.js';

/** Every output format by name. A new format is one Reporter added here; nothing else changes. */
const reporters = new Map<string, Reporter>(
  [htmlReporter, markdownReporter, csvReporter, jsonReporter, capacityJsonReporter, regressionJsonReporter].map((reporter) => [reporter.format, reporter]),
);

export function reporterFor(format: string): Reporter | undefined {
  return reporters.get(format);
}

export function allReporters(): Reporter[] {
  return [...reporters.values()];
}
