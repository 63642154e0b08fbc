import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importK6 } from '../../src/import/k6-import.js';
import { expectLatencyOfSamples } from '../helpers/exact-latency.js';

/**
 * Imports the committed fixture laid out as k6 writes `--out json` (test/fixtures/k6/real-format/README.md) and
 * checks the result against figures computed here from the raw lines, with a reader of its own.
 */
const fixture = resolve(import.meta.dirname, '..', 'fixtures', 'k6', 'real-format');
const files = [join(fixture, 'runner-0.json'), join(fixture, 'runner-1.json.gz')];

interface RawLine {
  type: string;
  metric: string;
  data: { time?: string; value?: number; tags?: Record<string, string> | null; metadata?: Record<string, string>; name?: string };
}

async function rawLines(file: string): Promise<RawLine[]> {
  const bytes = await readFile(file);
  const text = file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as RawLine);
}

interface PlanPoint {
  point: { pointId: string };
  k6Scenario: string;
  durationMs: number;
  maxInFlight: number;
}

describe('import k6: output laid out byte for byte as k6 writes it', () => {
  it('has the layout k6 writes: Metric lines before each metric\'s first sample, interleaved, key order, offsets', async () => {
    for (const file of files) {
      const text = file.endsWith('.gz') ? gunzipSync(await readFile(file)).toString('utf8') : await readFile(file, 'utf8');
      const lines = text.split('\n');
      expect(lines.at(-1)).toBe('');
      const declared = new Set<string>();
      let sampleSeen = false;
      let metricAfterSample = false;
      for (const line of lines.slice(0, -1)) {
        const metric = /^\{"type":"Metric","data":\{"name":"([a-z_]+)","type":"(counter|gauge|rate|trend)","contains":"(default|time|data)","thresholds":\[\],"submetrics":(null|\[.*\])\},"metric":"\1"\}$/.exec(line);
        if (metric) {
          declared.add(metric[1]!);
          metricAfterSample ||= sampleSeen;
          continue;
        }
        const point = /^\{"metric":"([a-z_]+)","type":"Point","data":\{"time":"2026-11-20T\d\d:\d\d:\d\d(\.\d{1,9})?\+02:00","value":[-0-9.e]+,"tags":(null|\{.*\})(,"metadata":\{.*\})?\}\}$/.exec(line);
        expect(point, line).not.toBeNull();
        expect(declared.has(point![1]!), `${point![1]} declared before its first sample`).toBe(true);
        sampleSeen = true;
      }
      expect(metricAfterSample).toBe(true);
    }
  });

  it('imports both runners (one gzipped) exactly: counts, errors, dropped iterations and percentiles from the raw samples', async () => {
    const plan = JSON.parse(await readFile(join(fixture, 'gatebench-plan.json'), 'utf8')) as { testId: string; points: PlanPoint[] };
    const lines = (await Promise.all(files.map(rawLines))).flat();
    const outDir = join(await mkdtemp(join(tmpdir(), 'gatebench-k6-real-')), 'run');
    const { run, runners, warnings } = await importK6({ files: [...files, join(fixture, 'gatebench-plan.json')], outDir });
    expect(runners).toBe(2);
    expect(warnings).toEqual([]);
    expect(run.points.map((stored) => stored.point.pointId)).toEqual(plan.points.map((pointPlan) => pointPlan.point.pointId));
    for (const [index, pointPlan] of plan.points.entries()) {
      const pointId = pointPlan.point.pointId;
      const durations = lines.filter((line) => line.type === 'Point' && line.metric === 'http_req_duration' && line.data.tags?.point === pointId && line.data.tags.phase === 'measure');
      const status = (line: RawLine): number => Number(line.data.tags?.status);
      const timeMs = (line: RawLine): number => Date.parse(line.data.time!);
      const windowStartMs = Math.min(...durations.map(timeMs));
      const windowEndMs = Math.min(windowStartMs + pointPlan.durationMs, Math.max(...durations.map(timeMs)));
      const drops = lines.filter((line) => line.type === 'Point' && line.metric === 'dropped_iterations' && line.data.tags?.scenario === pointPlan.k6Scenario);
      const droppedInWindow = drops.filter((line) => timeMs(line) >= windowStartMs && timeMs(line) <= windowEndMs).length;
      const bodyFailures = lines.filter((line) => line.metric === 'checks' && line.data.tags?.point === pointId && line.data.tags.phase === 'measure' && line.data.tags.check === 'body length' && line.data.value === 0).length;
      const count = (code: number): number => durations.filter((line) => status(line) === code).length;

      const { result } = run.points[index]!;
      expect(result.requests).toBe(durations.length);
      expect(result.statusCounts).toEqual({ '2xx': count(200), ...(count(503) > 0 ? { '5xx': count(503) } : {}) });
      expect(result.errors).toBe(count(503) + count(0) + bodyFailures);
      expect(result.generator.workers).toBe(2);
      expect(drops.length).toBeGreaterThan(droppedInWindow);
      expect(droppedInWindow).toBeGreaterThan(0);
      expect(result.open).toMatchObject({ droppedSends: droppedInWindow, sent: durations.length + droppedInWindow, maxInFlight: pointPlan.maxInFlight });
      expect(result.generator.saturated).toBe(true);
      expect(result.durationS).toBeCloseTo((windowEndMs - windowStartMs) / 1000, 6);
      expectLatencyOfSamples(result.latencyMs, durations.filter((line) => status(line) !== 0).map((line) => line.data.value!));
    }
  });
});
