/** Renderings of a RegressionReport: a terminal table, Markdown for a CI job summary, and JUnit XML. */
import type { PointRegression, RatioEstimate, RegressionReport } from '../../analysis/regression/types.js';
import { interval, sig, textTable } from './numbers.js';

const ratioText = (estimate: RatioEstimate) => `${sig(estimate.ratio, 4)} ${interval(estimate.interval, (value) => sig(value, 4))}`;

function rows(report: RegressionReport): string[][] {
  return report.points.map((point) => [point.matchKey, ratioText(point.throughput), point.throughput.verdict, ratioText(point.p99), point.p99.verdict, point.verdict]);
}

const HEADER = ['point', 'throughput ratio [95 % CI]', 'throughput', 'p99 ratio [95 % CI]', 'p99', 'verdict'];

function headline(report: RegressionReport): string {
  const { counts } = report;
  return `${report.regressed ? 'REGRESSION' : 'OK'}: ${counts.regression} regression, ${counts.inconclusive} inconclusive, ${counts['no-change']} no change, ${counts.improvement} improvement (limits: throughput drop ${report.limits.maxThroughputDropPct} %, p99 rise ${report.limits.maxP99RisePct} %)`;
}

function context(report: RegressionReport): string[] {
  return [
    `baseline:  ${report.baseline.runId} on ${report.baseline.machine.description}`,
    `candidate: ${report.candidate.runId} on ${report.candidate.machine.description}`,
    `ratios are candidate / baseline from per-second samples; ${report.method.level * 100} % moving-block bootstrap, ${report.method.resamples} resamples, seed ${report.method.seed}`,
  ];
}

export function formatRegressionTable(report: RegressionReport): string {
  const lines = [headline(report), ...context(report), '', textTable(HEADER, rows(report))];
  if (report.baselineOnly.length) lines.push(`only in baseline: ${report.baselineOnly.join(', ')}`);
  if (report.candidateOnly.length) lines.push(`only in candidate: ${report.candidateOnly.join(', ')}`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n') + '\n';
}

const escapeMarkdown = (text: string) => text.replace(/\|/g, '\\|');

export function regressionMarkdown(report: RegressionReport): string {
  const lines = [
    `### gatebench compare: ${headline(report)}`,
    '',
    ...context(report).map((line) => `- ${escapeMarkdown(line)}`),
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...rows(report).map((row) => `| ${row.map((cell, i) => (i === 5 && cell === 'regression' ? '**regression**' : escapeMarkdown(cell))).join(' | ')} |`),
  ];
  if (report.baselineOnly.length) lines.push('', `Only in baseline: ${report.baselineOnly.join(', ')}`);
  if (report.candidateOnly.length) lines.push('', `Only in candidate: ${report.candidateOnly.join(', ')}`);
  for (const note of report.notes) lines.push('', `> ${escapeMarkdown(note)}`);
  return lines.join('\n') + '\n';
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function testCase(point: PointRegression): string {
  const name = escapeXml(point.matchKey);
  const detail = `throughput ${ratioText(point.throughput)} (${point.throughput.verdict}); p99 ${ratioText(point.p99)} (${point.p99.verdict})`;
  if (point.verdict === 'regression') {
    return `    <testcase classname="gatebench.compare" name="${name}">\n      <failure message="${escapeXml(`regression: ${detail}`)}" type="regression">${escapeXml(detail)}</failure>\n    </testcase>`;
  }
  return `    <testcase classname="gatebench.compare" name="${name}">\n      <system-out>${escapeXml(`${point.verdict}: ${detail}`)}</system-out>\n    </testcase>`;
}

/** One test case per compared point; a confident regression is a failure, everything else passes. */
export function regressionJunit(report: RegressionReport): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gatebench compare" tests="${report.points.length}" failures="${report.counts.regression}">`,
    `  <testsuite name="${escapeXml(`${report.baseline.runId} vs ${report.candidate.runId}`)}" tests="${report.points.length}" failures="${report.counts.regression}" errors="0" skipped="0">`,
    ...report.points.map(testCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
