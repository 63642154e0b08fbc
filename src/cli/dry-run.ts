import type { PlanPoint } from '../plan/types.js';
import type { Scenario } from '../scenario/types.js';
import { describeSlo } from '../scenario/slo-text.js';
import { formatSize } from '../scenario/units.js';

/** Start-up and drain around each point: worker spawn, the drain after the window (quick.yaml measured ~0.3 s). */
const PER_POINT_OVERHEAD_MS = 300;
/** Starting the gateway and backend, and the preflight. */
const STARTUP_MS = 3000;
const LISTED_POINTS = 10;

/**
 * `run --dry-run`: what a run would do, without starting anything or sending a byte. Pure text.
 * Times are estimates: every point lasts warm-up + duration, plus a pause between points and start-up costs.
 */
export function formatDryRun(scenario: Scenario, points: readonly PlanPoint[], planned: number): string {
  const { timing } = scenario;
  const pointMs = timing.warmupMs + timing.durationMs + PER_POINT_OVERHEAD_MS;
  const wallMs = STARTUP_MS + points.length * pointMs + Math.max(0, points.length - 1) * timing.pauseMs;
  const order = scenario.sweep.order.kind === 'shuffled' ? `shuffled (seed ${scenario.sweep.order.seed})` : 'as written';
  const lines = [
    `scenario ${scenario.name}: valid${scenario.sourceFile === undefined ? '' : ` (${scenario.sourceFile})`}`,
    `points:   ${points.length}${points.length === planned ? '' : ` of ${planned} (--only)`}, in ${order} order`,
    `each:     ${seconds(timing.warmupMs)} warm-up + ${seconds(timing.durationMs)} measured, ${seconds(timing.pauseMs)} pause between points, timeout ${seconds(timing.timeoutMs)}`,
    `wall time: about ${duration(wallMs)} (estimate: points x (warm-up + duration + ~${PER_POINT_OVERHEAD_MS} ms) + pauses + ~${STARTUP_MS / 1000} s start-up)`,
    `target:   ${describeTarget(scenario)}`,
    `backend:  ${describeBackend(scenario)}`,
    `SLO:      ${describeSlo(scenario.slo) ?? 'none (a point with no successful response still fails)'}`,
    '',
    'order:',
    ...points.slice(0, LISTED_POINTS).map((point, i) => `  ${String(i + 1).padStart(4)}  ${point.pointId}`),
    ...(points.length > LISTED_POINTS ? [`  ... and ${points.length - LISTED_POINTS} more`] : []),
    '',
    'dry run: nothing was started and no request was sent',
  ];
  return lines.join('\n');
}

function describeTarget({ target }: Scenario): string {
  const routes = `echo ${target.routes.echo}, mediation ${target.routes.mediation}`;
  const auth = target.auth.kind === 'none' ? '' : `, auth ${target.auth.kind}${target.auth.kind === 'oauth2' ? ` (token from ${target.auth.tokenUrl})` : ''}`;
  if (target.kind === 'external') return `external gateway at ${target.baseUrl} (${routes}${auth})`;
  if (target.kind === 'nginx') return `nginx started by gatebench, ${target.workers} worker${target.workers === 1 ? '' : 's'} (${routes}${auth})`;
  return `embedded reference gateway, ${target.workers} worker process${target.workers === 1 ? '' : 'es'} (${routes}${auth})`;
}

function describeBackend({ backend, sweep }: Scenario): string {
  const sleeps = sweep.backendSleepsMs.map((ms) => `${ms}ms`).join(', ');
  const sizes = sweep.messageSizesBytes.map(formatSize).join(', ');
  if (backend.kind === 'own') return `your own backend${backend.url === undefined ? '' : ` at ${backend.url}`}: its sleep cannot be set (points labelled ${sleeps}); sizes ${sizes}`;
  if (backend.kind === 'external-mock') return `mock backend at ${backend.url}: sleep set per point through ${backend.adminUrl} (${sleeps}); sizes ${sizes}`;
  return `mock backend started by gatebench, ${backend.workers} worker${backend.workers === 1 ? '' : 's'}: sleep set per point (${sleeps}); sizes ${sizes}`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function duration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const rest = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}
