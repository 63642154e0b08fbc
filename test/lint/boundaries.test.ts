import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = process.cwd();

/** `npm run lint` in a copy of the repository's sources, so the injected imports never touch the real tree. */
async function lintCopyWith(files: Record<string, string>): Promise<{ code: number; output: string }> {
  const copy = await mkdtemp(join(tmpdir(), 'gatebench-lint-'));
  copies.push(copy);
  for (const entry of ['src', 'mock-backend', 'tsconfig.json', 'package.json', '.dependency-cruiser.cjs']) {
    await cp(join(repo, entry), join(copy, entry), { recursive: true });
  }
  await symlink(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) await writeFile(join(copy, path), text);
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'lint'], { cwd: copy });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const copies: string[] = [];
afterAll(async () => {
  for (const copy of copies) await rm(copy, { recursive: true, force: true });
});

describe('npm run lint (stage boundaries)', () => {
  // Two dependency-cruiser runs over the whole tree: a generous guard against a hang, not a speed limit.
  it('fails on a backward import and on a folder cycle, naming the rule and the file', { timeout: 240_000 }, async () => {
    const { code, output } = await lintCopyWith({
      // The engine reaching up into analysis: a stage importing a stage above it.
      'src/engine/reaches-back.ts': "import { analyzeRun } from '../analysis/index.js';\nexport const reachesBack = analyzeRun;\n",
      // Baselines importing analysis, which imports baselines: the folder cycle issue 10 removed.
      'src/baselines/cycle-back.ts': "import { mean } from '../analysis/stats.js';\nexport const cycleBack = mean;\n",
      // The shared results contract importing a stage.
      'src/results/imports-store.ts': "import type { StoredRun } from '../store/types.js';\nexport type ImportsStore = StoredRun;\n",
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/error stage-order-engine: src\/engine\/reaches-back\.ts → src\/analysis\/index\.ts/);
    expect(output).toMatch(/error stage-order-baselines: src\/baselines\/cycle-back\.ts → src\/analysis\/stats\.ts/);
    expect(output).toMatch(/error shared-stays-shared: src\/results\/imports-store\.ts → src\/store\/types\.ts/);
    // Both injected cycles are reported once from each side (store <-> results, since the store imports results).
    for (const folder of ['baselines', 'analysis', 'store', 'results']) expect(output).toMatch(new RegExp(`error no-folder-cycle: src/${folder} →`));
    // Nothing else is reported: the untouched copy of the tree is clean.
    expect(output.match(/^\s*error /gm)?.length).toBe(7);
  });
});
