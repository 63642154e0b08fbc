import type { K6Plan, K6PointPlan } from '../k6/types.js';
import { inputError } from './input-error.js';
import { readK6Json, type K6Sample } from './k6-json-reader.js';
import { PhaseAccumulator, type Phase } from './point-accumulator.js';

/** Everything collected for one point across all runners' files. */
export interface K6PointSamples {
  plan: K6PointPlan;
  measure: PhaseAccumulator;
  warmup: PhaseAccumulator;
  bytesSent: number;
  bytesReceived: number;
  /** Times of k6's dropped_iterations samples (arrival-rate executors with no free VU). */
  droppedTimesMs: number[];
  files: Set<string>;
}

/**
 * Routes the samples of k6 JSON files to their points by the `point` and `phase` tags the exported script sets.
 * Files of one distributed test (N runners) go into the same accumulators, so their merge is exact.
 */
export class K6Collector {
  readonly points = new Map<string, K6PointSamples>();
  /** k6 scenario name -> point: dropped_iterations carries only the test-wide tags plus `scenario`. */
  private readonly byScenario = new Map<string, K6PointSamples>();

  constructor(readonly plan: K6Plan) {
    for (const pointPlan of plan.points) {
      this.points.set(pointPlan.point.pointId, {
        plan: pointPlan,
        measure: new PhaseAccumulator(),
        warmup: new PhaseAccumulator(),
        bytesSent: 0,
        bytesReceived: 0,
        droppedTimesMs: [],
        files: new Set(),
      });
      this.byScenario.set(pointPlan.k6Scenario, this.points.get(pointPlan.point.pointId)!);
    }
  }

  async addFile(file: string): Promise<void> {
    await readK6Json(file, (sample) => this.route(file, sample));
  }

  private route(file: string, sample: K6Sample): void {
    const { tags } = sample;
    if (tags.gb_test !== undefined && tags.gb_test !== this.plan.testId) {
      throw inputError(file, sample.line, `sample of test "${tags.gb_test}", but the other inputs are test "${this.plan.testId}"`, 'import the files of one test run at a time (mixed tests cannot be merged)');
    }
    if (tags.phase === 'setup') return;
    switch (sample.metric) {
      case 'http_req_duration': {
        const { point, phase } = this.locate(file, sample, true);
        const status = Number(tags.status ?? '0');
        const answered = Number.isFinite(status) && status >= 100;
        const failed = tags.expected_response !== undefined ? tags.expected_response === 'false' : !(status >= 200 && status < 300);
        point.files.add(file);
        point[phase].add({
          timeMs: sample.timeMs,
          latencyMs: answered ? sample.value : undefined,
          phase,
          statusClass: answered ? `${Math.floor(status / 100)}xx` : undefined,
          errorKind: failed ? k6ErrorKind(status, tags.error_code) : undefined,
        });
        return;
      }
      case 'checks':
        if (tags.check === 'body length' && sample.value === 0) {
          const { point, phase } = this.locate(file, sample, true);
          point[phase].addError('check_failed', sample.timeMs);
        }
        return;
      case 'data_sent':
      case 'data_received': {
        if (tags.point === undefined || tags.phase !== 'measure') return;
        const { point } = this.locate(file, sample, false);
        if (sample.metric === 'data_sent') point.bytesSent += sample.value;
        else point.bytesReceived += sample.value;
        return;
      }
      case 'dropped_iterations':
        this.locateScenario(file, sample).droppedTimesMs.push(sample.timeMs);
        return;
      default:
        // vus, iterations, http_req_waiting, ...: declared and valid, but not needed for a PointResult.
        return;
    }
  }

  /**
   * The point of a sample k6 emits outside any iteration: an arrival-rate executor tags a dropped iteration with
   * the test-wide tags and `scenario` only (lib/executor/base_executor.go getMetricTags), not the scenario's own.
   */
  private locateScenario(file: string, sample: K6Sample): K6PointSamples {
    const { tags } = sample;
    if (tags.point !== undefined) return this.locate(file, sample, false).point;
    const point = tags.scenario !== undefined ? this.byScenario.get(tags.scenario) : undefined;
    if (!point) {
      throw inputError(file, sample.line, `${sample.metric} sample of k6 scenario ${JSON.stringify(tags.scenario ?? null)}, which is no point of test "${this.plan.testId}"`, 'pass the scenario or the gatebench-plan.json the script was exported with');
    }
    return point;
  }

  private locate(file: string, sample: K6Sample, needPhase: boolean): { point: K6PointSamples; phase: Phase } {
    const { tags } = sample;
    if (tags.point === undefined) {
      throw inputError(file, sample.line, `${sample.metric} sample has no "point" tag`, 'import reads the output of scripts written by `gatebench k6 export`, which tag every sample with its point');
    }
    const point = this.points.get(tags.point);
    if (!point) {
      throw inputError(file, sample.line, `point "${tags.point}" is not in the plan of test "${this.plan.testId}"`, 'pass the scenario or the gatebench-plan.json the script was exported with');
    }
    const phase = tags.phase;
    if (needPhase && phase !== 'warmup' && phase !== 'measure') {
      throw inputError(file, sample.line, `${sample.metric} sample has phase ${JSON.stringify(phase)}; expected "warmup" or "measure"`);
    }
    return { point, phase: phase === 'warmup' ? 'warmup' : 'measure' };
  }
}

/** k6 error codes (https://grafana.com/docs/k6/latest/javascript-api/error-codes/) to gatebench error kinds. */
export function k6ErrorKind(status: number, errorCode: string | undefined): string {
  if (status >= 100) return `http_${status}`;
  switch (Number(errorCode)) {
    case 1050:
    case 1211:
      return 'timeout';
    case 1212:
      return 'refused';
    case 1201: // broken pipe: the engine counts EPIPE as a reset too
    case 1220:
      return 'reset';
    default:
      return 'other';
  }
}
