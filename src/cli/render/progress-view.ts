import cliProgress from 'cli-progress';
import { describePlacement } from '../../store/placement-text.js';
import type { Scenario } from '../../scenario/types.js';
import { formatPointLine } from './points-table.js';
import type { RunEvent } from '../../run/run-events.js';

export interface ProgressView {
  handle(event: RunEvent): void;
  stop(): void;
}

/**
 * Draws a run's events: a progress bar on a terminal (points done, ETA, live rate and p99 of the point in
 * flight), one plain line per point elsewhere (CI logs). Only reads events; never touches the run.
 */
export function createProgressView(scenario: Scenario, stream: NodeJS.WriteStream = process.stdout): ProgressView {
  const log = (line: string): void => void stream.write(`${line}\n`);
  return stream.isTTY ? barView(scenario, stream, log) : lineView(log);
}

function lineView(log: (line: string) => void): ProgressView {
  return {
    handle(event) {
      const line = describe(event);
      if (line !== undefined) log(line);
      if (event.type === 'point-end') log(formatPointLine(event.stored, event.number, event.total));
    },
    stop() {},
  };
}

function barView(scenario: Scenario, stream: NodeJS.WriteStream, log: (line: string) => void): ProgressView {
  const pointMs = scenario.timing.warmupMs + scenario.timing.durationMs + scenario.timing.pauseMs;
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {value}/{total} points | ETA {etaText} | {pointId} {phase} {rate} req/s p99 {p99} ms',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  let total = 0;
  let finished = 0;
  let pointStartedAt = Date.now();
  const payload = { etaText: '-', pointId: '', phase: '', rate: '-', p99: '-' };
  const eta = (): string => {
    const remainingMs = Math.max(0, (total - finished) * pointMs - (Date.now() - pointStartedAt));
    const seconds = Math.round(remainingMs / 1000);
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
  };
  const redraw = (changes: Partial<typeof payload> = {}): void => {
    Object.assign(payload, changes, { etaText: eta() });
    bar?.update(finished, payload);
  };
  // Lines printed while the bar is drawn replace its line and the bar is drawn again below them.
  const above = (line: string): void => {
    if (bar === undefined) return log(line);
    stream.write(`\r\x1b[2K${line}\n`);
    bars.update();
  };
  return {
    handle(event) {
      switch (event.type) {
        case 'run-start':
          total = event.toRun;
          log(describe(event)!);
          return;
        case 'components-ready':
          log(describe(event)!);
          bar = bars.create(total, 0, { ...payload, etaText: eta() });
          return;
        case 'point-start':
          pointStartedAt = Date.now();
          redraw({ pointId: event.point.pointId, phase: 'starting', rate: '-', p99: '-' });
          return;
        case 'point-progress':
          redraw({ phase: event.tick.phase, rate: event.tick.currentRps.toFixed(0), p99: event.tick.currentP99Ms.toFixed(1) });
          return;
        case 'point-end':
          finished++;
          redraw({
            phase: 'done',
            rate: event.stored.result.throughputRps.toFixed(0),
            p99: event.stored.result.latencyMs.p99.toFixed(1),
          });
          return;
        case 'point-skipped':
          total = Math.max(finished, total - 1);
          bar?.setTotal(total);
          above(describe(event)!);
          return;
        case 'run-end':
          bars.stop();
          bar = undefined;
          log(describe(event)!);
          return;
        default: {
          const line = describe(event);
          if (line !== undefined) above(line);
        }
      }
    },
    stop() {
      bars.stop();
      bar = undefined;
    },
  };
}

/** Words for the events both views print. */
function describe(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'run-start':
      return event.resumed
        ? `resuming ${event.runId}: ${event.alreadyDone} of ${event.plannedPoints} points already measured, ${event.toRun} to run`
        : `run ${event.runId}: ${event.toRun} of ${event.plannedPoints} points -> ${event.dir}`;
    case 'components-ready':
      return `target: ${event.targetDescription}\nbackend: ${event.backendDescription}`;
    case 'preflight-passed':
      return `preflight: ${event.checks.map((check) => `${check.api} HTTP ${check.status} in ${check.latencyMs.toFixed(1)} ms`).join(', ')}`;
    case 'placed':
      return `placement: ${describePlacement(event.placement)}`;
    case 'priming-start':
      return `warm start: priming each route at the highest load level (at most ${event.maxS} s)`;
    case 'priming-end': {
      const { priming } = event;
      const judged = priming.routes.filter((route) => route.untilSteady);
      const steady = judged.filter((route) => route.steady).length;
      return `warm start: ${priming.routes.length} route${priming.routes.length === 1 ? '' : 's'} primed in ${priming.durationS.toFixed(1)} s, ${steady} of ${judged.length} API${judged.length === 1 ? '' : 's'} steady` +
        priming.notes.map((note) => `\n  ${note}`).join('');
    }
    case 'point-skipped':
      return `skipped ${event.point.pointId}: ${event.reason}`;
    case 'series-stopped':
      return `series ${event.seriesKey} stopped: ${event.reason}`;
    case 'point-abandoned':
      return `abandoned ${event.point.pointId}: ${event.reason}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'run-end':
      return `run ${event.status}: ${event.dir}`;
    default:
      return undefined;
  }
}
