/** Process helpers the benches share: run a tool, find it, print its command. */
import { execFile } from 'node:child_process';

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a failure is an exit code, never a rejection. */
export function run(command: string, args: string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The path of an installed tool (PATH, then /usr/sbin where nginx lives), or undefined. */
export async function which(name: string): Promise<string | undefined> {
  const found = await run('sh', ['-c', `command -v ${name} || ls /usr/sbin/${name} 2>/dev/null`]);
  const path = found.stdout.trim().split('\n')[0];
  return path === '' || path === undefined ? undefined : path;
}

/** Prints the command a figure comes from, so it can be rerun by hand. */
export function show(command: string, args: string[]): void {
  console.log(`  $ ${[command, ...args].join(' ')}`);
}
