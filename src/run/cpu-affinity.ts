import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { GatebenchError } from '../errors.js';
import { findExecutable } from '../runtime/find-executable.js';
import { formatCpuList, parseCpuList } from '../scenario/units.js';

const run = promisify(execFile);

/** The CPUs a process may run on, from `/proc/<pid>/status` (`Cpus_allowed_list`), as the kernel applies them. */
export function allowedCpus(pid: number | 'self' = 'self'): number[] {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = /^Cpus_allowed_list:\s*(\S+)\s*$/m.exec(status);
  if (line === null) throw new GatebenchError('GB_NOT_AVAILABLE', `/proc/${pid}/status has no Cpus_allowed_list line`);
  return parseCpuList(line[1]!);
}

/**
 * Pins every thread of `pid` to `cpus` with util-linux's taskset (`-a`: all tasks, so the generator's worker
 * threads and libuv's pool move too). Threads and children created later inherit it from their creator.
 */
export async function setCpuAffinity(pid: number, cpus: readonly number[]): Promise<void> {
  const taskset = findTaskset();
  try {
    await run(taskset, ['-a', '-p', '-c', formatCpuList(cpus), String(pid)]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GatebenchError('GB_CONFIG_INVALID', `placement: taskset could not pin process ${pid} to CPUs ${formatCpuList(cpus)}: ${stderr || (error as Error).message}`, {
      hint: `this process may run on CPUs ${formatCpuList(allowedCpus())}; choose CPUs from that list, or set placement: off`,
    });
  }
}

let tasksetPath: string | undefined;

function findTaskset(): string {
  tasksetPath ??= findExecutable('taskset');
  if (tasksetPath === undefined) {
    throw new GatebenchError('GB_NOT_AVAILABLE', 'placement needs taskset, which was not found on PATH', {
      hint: 'install util-linux (apt-get install util-linux), or set placement: off in the scenario',
    });
  }
  return tasksetPath;
}
