import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** `20261126-142501-quick`: UTC start time, then the scenario name, so folders sort by time. */
export function runIdFor(scenarioName: string, startedAt: Date): string {
  const iso = startedAt.toISOString(); // 2026-11-26T14:25:01.123Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${scenarioName}`;
}

/** Creates `<root>/<run-id>/` and returns it; a run started in the same second gets `-2`, `-3`, ... */
export async function createRunDir(root: string, scenarioName: string, startedAt: Date): Promise<{ runId: string; dir: string }> {
  await mkdir(root, { recursive: true });
  const base = runIdFor(scenarioName, startedAt);
  for (let attempt = 1; attempt < 1000; attempt++) {
    const runId = attempt === 1 ? base : `${base}-${attempt}`;
    const dir = join(root, runId);
    try {
      await mkdir(dir);
      return { runId, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`cannot create a run folder under ${root}: too many runs named ${base}`);
}
