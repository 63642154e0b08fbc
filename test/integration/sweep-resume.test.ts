import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { planRun } from '../../src/plan/plan.js';
import { readRun } from '../../src/store/read-run.js';
import { cliArgv } from '../helpers/run-cli.js';

// 4 points of 0.2 s warm-up + 1 s measured through the real embedded gateway and backend.
const SCENARIO = `name: resumable
target: embedded
backend: embedded
sweep:
  messageSizes: [1KiB]
  backendSleeps: [5ms]
  concurrency: [1, 2]
  mediation: [off, on]
timing: { warmup: 200ms, duration: 1s, pause: 0s, timeout: 5s, prime: off }
`;

function startCli(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, cliArgv(['run', ...args]), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

/** Waits (bounded: 40 s) until the run folder `runDir` (run --out) holds at least `lines` finished points. */
async function waitForPoints(runDir: string, lines: number): Promise<string> {
  for (let waited = 0; waited < 40_000; waited += 50) {
    const file = join(runDir, 'points.jsonl');
    const text = existsSync(file) ? await readFile(file, 'utf8') : '';
    if (text.split('\n').length - 1 >= lines) return runDir;
    await sleep(50);
  }
  throw new Error(`no run with ${lines} point(s) appeared in ${runDir}`);
}

/** Backend processes recorded in the run, killed in case the SIGKILLed parent left them behind. */
async function killRecordedProcesses(dir: string): Promise<void> {
  const run = await readRun(dir, { onWarning: () => undefined }).catch(() => undefined);
  for (const pid of new Set(run?.points.flatMap((point) => point.resources.map((usage) => usage.pid)) ?? [])) {
    if (pid === process.pid) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  }
}

describe('gatebench run: interrupted runs resume without losing or repeating points', () => {
  it('after kill -9 mid-run, --resume measures the rest and every point is present exactly once', async () => {
    const work = await mkdtemp(join(tmpdir(), 'gatebench-resume-'));
    const file = join(work, 'resumable.yaml');
    await writeFile(file, SCENARIO);
    const outDir = join(work, 'results');
    const plan = planRun(await loadScenario(file));

    const first = startCli([file, '--out', outDir]);
    const dir = await waitForPoints(outDir, 1).catch(async (error: unknown) => {
      first.child.kill('SIGKILL');
      throw new Error(`${String(error)}\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    await exitCode(first.child);
    await killRecordedProcesses(dir);
    const before = await readRun(dir, { onWarning: () => undefined });
    expect(before.manifest.status).toBe('running'); // nothing got to write `interrupted`: it was a kill -9
    expect(before.points.length).toBeGreaterThanOrEqual(1);
    expect(before.points.length).toBeLessThan(plan.points.length);

    const second = startCli([file, '--resume', dir]);
    expect(await exitCode(second.child), second.output()).toBe(0);
    expect(second.output()).toContain(`resuming ${before.manifest.runId}: ${before.points.length} of 4 points already measured`);
    const after = await readRun(dir);
    const ids = after.points.map((point) => point.point.pointId);
    expect([...ids].sort()).toEqual(plan.points.map((point) => point.pointId).sort());
    expect(ids.slice(0, before.points.length)).toEqual(before.points.map((point) => point.point.pointId));
    expect(after.manifest.status).toBe('complete');
  });

  it('Ctrl-C keeps finished points, marks the run interrupted and prints how to resume', async () => {
    const work = await mkdtemp(join(tmpdir(), 'gatebench-sigint-'));
    const file = join(work, 'resumable.yaml');
    await writeFile(file, SCENARIO);
    const outDir = join(work, 'results');
    const run = startCli([file, '--out', outDir]);
    const dir = await waitForPoints(outDir, 1);
    run.child.kill('SIGINT');
    expect(await exitCode(run.child), run.output()).toBe(130);
    expect(run.output()).toContain(`interrupted: resume with  gatebench run ${file} --resume ${dir}`);
    const stored = await readRun(dir);
    expect(stored.manifest.status).toBe('interrupted');
    expect(stored.points.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses --resume when the scenario file changed since', async () => {
    const work = await mkdtemp(join(tmpdir(), 'gatebench-mismatch-'));
    const file = join(work, 'resumable.yaml');
    await writeFile(file, SCENARIO);
    const outDir = join(work, 'results');
    const run = startCli([file, '--out', outDir, '--only', 'c=1,api=echo']);
    expect(await exitCode(run.child), run.output()).toBe(0);
    await writeFile(file, SCENARIO.replace('backendSleeps: [5ms]', 'backendSleeps: [6ms]'));
    const resumed = startCli([file, '--resume', outDir]);
    expect(await exitCode(resumed.child)).toBe(2);
    expect(resumed.output()).toContain('the scenario changed since that run started');
  });
});
