import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Newest modification time of the files under `dir` (0 when it is missing). */
function newestMtimeMs(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * How a test starts the CLI: the compiled package (bin/gatebench.js) when `npm run build` ran after the last
 * source change, as `npm test` does, since it starts in half the time of tsx; else the sources under tsx.
 */
function cliEntry(): string[] {
  const compiled = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  const fresh = existsSync(compiled) && statSync(compiled).mtimeMs >= Math.max(newestMtimeMs(join(repoRoot, 'src')), newestMtimeMs(join(repoRoot, 'mock-backend')));
  return fresh ? [join(repoRoot, 'bin', 'gatebench.js')] : ['--import', 'tsx', join(repoRoot, 'test', 'helpers', 'cli.ts')];
}

const CLI_ENTRY = cliEntry();

/** node's argv for `gatebench <args>`, for tests that spawn the CLI themselves. */
export function cliArgv(args: string[]): string[] {
  return [...CLI_ENTRY, ...args];
}

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI (see cliEntry) in the repo root and collects its output. Resolves on `close`,
 * after stdout and stderr are drained, so a test never reads half of what the command printed.
 */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliOutcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, cliArgv(args), {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
