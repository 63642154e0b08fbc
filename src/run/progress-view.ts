import cliProgress from 'cli-progress';
import type { Scenario } from '../scenario/types.js';
import { formatPointLine } from './points-table.js';
import type { RunEvent } from './run-events.js';

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
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} points | ETA {etaText} | {pointId} {phase} {rate} req/s p99 {p99} ms',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let total = 0;
  let finished = 0;
  let pointStartedAt = Date.now();
  const eta = (): string => {
    const remainingMs = Math.max(0, (total - finished) * pointMs - (Date.now() - pointStartedAt));
    const seconds = Math.round(remainingMs / 1000);
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
  };
  // Lines printed while the bar is drawn go above it.
  const above = (line: string): void => {
    bar.stop();
    log(line);
    bar.start(total, finished, { etaText: eta() });
  };
  return {
    handle(event) {
      switch (event.type) {
        case 'run-start':
          total = event.toRun;
          log(describe(event)!);
          bar.start(total, 0, { etaText: eta(), pointId: '', phase: '', rate: '-', p99: '-' });
          return;
        case 'point-start':
          pointStartedAt = Date.now();
          bar.update(finished, { etaText: eta(), pointId: event.point.pointId, phase: 'starting', rate: '-', p99: '-' });
          return;
        case 'point-progress':
          bar.update(finished, {
            etaText: eta(),
            phase: event.tick.phase,
            rate: event.tick.currentRps.toFixed(0),
            p99: event.tick.currentP99Ms.toFixed(1),
          });
          return;
        case 'point-end':
          finished++;
          bar.update(finished, { etaText: eta() });
          return;
        case 'point-skipped':
          total = Math.max(finished, total - 1);
          bar.setTotal(total);
          above(describe(event)!);
          return;
        case 'run-end':
          bar.stop();
          log(describe(event)!);
          return;
        default: {
          const line = describe(event);
          if (line !== undefined) above(line);
        }
      }
    },
    stop() {
      bar.stop();
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
