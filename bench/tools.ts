/** Process helpers the benches share: run a tool, find it, print its command. */
import { execFile } from 'node:child_process';
import { findExecutable } from '../src/runtime/find-executable.js';

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

/** The path of an installed tool (PATH, then the sbin/bin folders where nginx lives), or undefined. */
export async function which(name: string): Promise<string | undefined> {
  return findExecutable(name);
}

/** Prints the command a figure comes from, so it can be rerun by hand. */
export function show(command: string, args: string[]): void {
  console.log(`  $ ${[command, ...args].join(' ')}`);
}
