import os from 'node:os';
import type { HostInfo } from './types.js';

/** The machine that ran the load, recorded in every manifest: figures mean little without it. */
export function hostInfo(): HostInfo {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    nodeVersion: process.version,
  };
}
