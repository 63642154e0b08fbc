import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../../src/runtime/ports.js';
import { isAlive } from '../../src/targets/nginx/process-tree.js';
import { missingComponent } from '../helpers/components.js';

/**
 * Runs examples/ci/github-actions.yml's shell steps here, in the file's order, as the runner would: bash with
 * `-e`, the job's env, RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and `${{ steps.X.outputs.Y }}`
 * filled from earlier steps' outputs. Left out: `uses:` steps (actions need GitHub) and `install` (apt and the
 * registry; .ci/run installs nginx here and `npx gatebench` finds this checkout). Ports are free ones and the
 * windows short; everything else is the file as written, so the recipe cannot rot.
 */
const missing = missingComponent('nginx') ?? missingComponent('njs');

interface WorkflowStep {
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
}

describe.skipIf(missing !== undefined)('examples/ci/github-actions.yml', () => {
  it('runs its shell steps in order against nginx: services, baseline, run, compare with JUnit and summary', { timeout: 300_000 }, async () => {
    const workflow = parse(readFileSync('examples/ci/github-actions.yml', 'utf8')) as { jobs: { benchmark: { env: Record<string, string>; steps: WorkflowStep[] } } };
    const job = workflow.jobs.benchmark;
    const temp = mkdtempSync(join(tmpdir(), 'gatebench-ci-'));
    const summaryFile = join(temp, 'step-summary.md');
    writeFileSync(summaryFile, '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...job.env,
      GATEWAY_PORT: String(await freePort()),
      BACKEND_PORT: String(await freePort()),
      BACKEND_ADMIN_PORT: String(await freePort()),
      CI_WARMUP: '300ms',
      CI_WINDOW: '700ms',
      RUNNER_TEMP: temp,
      GITHUB_STEP_SUMMARY: summaryFile,
    };
    const outputs = new Map<string, Record<string, string>>();
    const statuses: Array<[string, number | null]> = [];
    const shellSteps = job.steps.filter((step) => step.run !== undefined && step.id !== 'install');
    expect(shellSteps.map((step) => step.id)).toEqual(['backend', 'gateway', 'baseline', 'candidate', 'compare', 'report', 'stop']);
    try {
      let failed = false;
      for (const step of shellSteps) {
        // `if: always()` steps run after a failure, as on the runner; others are skipped.
        if (failed && step.if !== 'always()') continue;
        const outputFile = join(temp, `output-${step.id}`);
        writeFileSync(outputFile, '');
        const script = step.run!.replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g, (_, id: string, key: string) => outputs.get(id)?.[key] ?? '');
        const result = spawnSync('bash', ['-e', '-c', script], { env: { ...env, GITHUB_OUTPUT: outputFile }, encoding: 'utf8', timeout: 180_000 });
        statuses.push([step.id!, result.status]);
        outputs.set(step.id!, Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])));
        // compare's 1 is a verdict (a confident regression on a noisy shared machine), not a broken recipe.
        const acceptable = step.id === 'compare' ? [0, 1] : [0];
        if (!acceptable.includes(result.status ?? -1)) {
          failed = true;
          expect.soft(result.status, `step ${step.id} failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
        }
      }
      expect(statuses.map(([id]) => id)).toEqual(shellSteps.map((step) => step.id));
      expect(outputs.get('baseline')?.dir).toBe(join(temp, 'baseline'));
      expect(outputs.get('candidate')?.dir).toBe(join(temp, 'candidate'));
      // run --out names the run folder itself.
      expect(existsSync(join(temp, 'candidate', 'manifest.json'))).toBe(true);
      const junit = readFileSync(join(temp, 'gatebench-junit.xml'), 'utf8');
      // One test case per compared point (echo and mediation; repetitions are the spread, not cases).
      expect(junit.match(/<testcase /g)).toHaveLength(2);
      expect(readFileSync(summaryFile, 'utf8')).toMatch(/\|/);
      expect(existsSync(join(temp, 'report', 'index.html'))).toBe(true);
      // The stop step stopped both services: the backend's whole group, nginx by its pid file.
      const backendGroup = Number(readFileSync(join(temp, 'backend.pid'), 'utf8').trim());
      expect(() => process.kill(-backendGroup, 0)).toThrow();
    } finally {
      // The stop step ran (always); make sure nothing it should have stopped is left behind.
      for (const pidFile of [join(temp, 'gateway', 'nginx.pid'), join(temp, 'backend.pid')]) {
        if (!existsSync(pidFile)) continue;
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        if (pid > 0 && isAlive(pid)) process.kill(-pid, 'SIGKILL');
      }
    }
  });

  it('has a GitLab twin running the same gatebench commands', () => {
    const gitlab = parse(readFileSync('examples/ci/gitlab-ci.yml', 'utf8')) as Record<string, { script: string[]; before_script: string[]; artifacts: { reports: { junit: string } } }>;
    const job = gitlab['gateway-benchmark']!;
    const lines = [...job.before_script, ...job.script].join('\n');
    for (const command of ['gatebench backend', 'start-gateway.sh', 'gatebench run "$GATEBENCH_SCENARIO"', 'gatebench compare', '--junit gatebench-junit.xml', '--markdown']) {
      expect(lines).toContain(command);
    }
    expect(job.artifacts.reports.junit).toBe('gatebench-junit.xml');
  });
});
