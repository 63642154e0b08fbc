import { pointCounts, socketErrors } from '../../results/point-rates.js';
import type { LatencySummaryMs, PointResult } from '../../results/types.js';

/**
 * A wrk-like human summary of one point. Pure: returns text, prints nothing (the CLI prints it).
 * Generator warnings come last, one line each, so a saturated generator is never missed.
 */
export function formatPointSummary(result: PointResult, target: string): string {
  const lines: string[] = [];
  const model = result.model === 'closed' ? 'closed model' : `open model, target ${fixed(result.open?.targetRps ?? 0, 1)} req/s`;
  lines.push(`Running ${fixed(result.durationS, 1)}s test @ ${target} (${model}, ${result.generator.workers} worker${result.generator.workers === 1 ? '' : 's'})`);
  if (result.warmup.requests > 0 || result.warmup.durationS > 0) {
    lines.push(`  warm-up ${fixed(result.warmup.durationS, 1)}s: ${result.warmup.requests} requests, ${result.warmup.errors} errors (excluded below)`);
  }
  lines.push(`  Latency${result.model === 'open' ? ' (from intended send, corrected)' : ''}:`);
  lines.push(...distribution(result.latencyMs));
  if (result.serviceTimeMs !== undefined) {
    lines.push('  Service time (from actual send):');
    lines.push(...distribution(result.serviceTimeMs));
  }
  const counts = pointCounts(result);
  const perSecond = (count: number): string => fixed(result.durationS > 0 ? count / result.durationS : 0, 2);
  lines.push(`  ${counts.responses} responses in ${fixed(result.durationS, 2)}s (${counts.attempts} attempts), ${formatBytes(result.bytesReceivedPerSec * result.durationS)} read`);
  const socket = socketErrors(result.errorsByKind);
  if (socket.connect + socket.read + socket.write + socket.timeout + socket.other > 0) {
    lines.push(`  Socket errors: connect ${socket.connect}, read ${socket.read}, write ${socket.write}, timeout ${socket.timeout}${socket.other > 0 ? `, other ${socket.other}` : ''}`);
  }
  const non2xx3xx = Object.entries(result.statusCounts).filter(([status]) => status !== '2xx' && status !== '3xx').reduce((sum, [, count]) => sum + count, 0);
  if (non2xx3xx > 0) lines.push(`  Non-2xx or 3xx responses: ${non2xx3xx}`);
  // wrk's Requests/sec counts responses of any status; goodput counts only those that passed every check.
  lines.push(`Requests/sec: ${perSecond(counts.responses)}`);
  lines.push(`Successful/sec: ${perSecond(counts.successful)} (passed every check)${counts.attempts > counts.responses ? `; attempts/sec ${perSecond(counts.attempts)}` : ''}`);
  lines.push(`Transfer/sec: ${formatBytes(result.bytesReceivedPerSec)} received, ${formatBytes(result.bytesSentPerSec)} sent`);
  const statuses = Object.entries(result.statusCounts).map(([status, count]) => `${status} ${count}`).join(', ');
  if (statuses !== '') lines.push(`Responses: ${statuses}`);
  if (result.errors > 0) {
    const kinds = Object.entries(result.errorsByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
    lines.push(`Errors: ${result.errors} (${fixed(result.errorPct, 2)}%): ${kinds}`);
  } else {
    lines.push('Errors: 0');
  }
  if (result.open !== undefined) {
    lines.push(`Open model: ${result.open.sent} sent, ${result.open.lateSends} late, ${result.open.droppedSends} dropped (in-flight cap ${result.open.maxInFlight})`);
  }
  const law = result.littlesLaw;
  lines.push(`Little's law: offered concurrency ${fixed(law.offeredConcurrency, 1)}, implied ${fixed(law.impliedConcurrency, 1)} (ratio ${fixed(law.ratio, 2)}${law.ok ? '' : ', MISMATCH'})`);
  lines.push(`Generator: CPU ${fixed(result.generator.cpuPct, 0)}%, event-loop delay p99 ${fixed(result.generator.eventLoopDelayP99Ms, 1)} ms, RSS max ${formatBytes(result.generator.rssBytesMax)}`);
  for (const reason of result.generator.saturationReasons) lines.push(`WARNING: generator saturated: ${reason}`);
  if (result.interrupted === true) lines.push('WARNING: interrupted; figures cover the shortened window');
  return lines.join('\n');
}

function distribution(latency: LatencySummaryMs): string[] {
  const row = (label: string, value: number): string => `    ${label.padStart(6)}  ${formatMs(value)}`;
  return [
    `    mean ${formatMs(latency.mean)}, stdev ${formatMs(latency.stdev)}, min ${formatMs(latency.min)}, max ${formatMs(latency.max)}`,
    row('50%', latency.p50),
    row('75%', latency.p75),
    row('90%', latency.p90),
    row('95%', latency.p95),
    row('99%', latency.p99),
    row('99.9%', latency.p999),
  ];
}

function formatMs(ms: number): string {
  if (ms >= 1000) return `${fixed(ms / 1000, 2)}s`;
  if (ms >= 1) return `${fixed(ms, 2)}ms`;
  return `${fixed(ms * 1000, 0)}us`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${fixed(value, 2)}${units[unit]}`;
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
