import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readProcStat } from './proc-stat.js';

/**
 * Which process listens on a TCP port (Linux /proc): the pids holding a LISTEN socket on it. Used after a
 * started gateway's port opens, to tell the gateway apart from another program that took the port first.
 * Undefined when it cannot be told (no /proc, or the socket's owner is not readable): callers then trust the port.
 */
export function listeningPids(port: number): number[] | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st ... inode (proc(5)); state 0A is LISTEN.
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue;
      const localPort = Number.parseInt(fields[1]!.split(':').pop() ?? '', 16);
      if (localPort === port) inodes.add(fields[9]!);
    }
  }
  if (inodes.size === 0) return undefined;
  const owners: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode !== undefined && inodes.has(inode)) {
        owners.push(Number(pid));
        break;
      }
    }
  }
  return owners.length === 0 ? undefined : owners;
}

/** true when `pid` is `ancestor` or one of its descendants (walks the parent chain in /proc). */
export function descendsFrom(pid: number, ancestor: number): boolean {
  let current: number | undefined = pid;
  for (let hops = 0; current !== undefined && current > 1 && hops < 64; hops++) {
    if (current === ancestor) return true;
    current = readProcStat(current)?.ppid;
  }
  return false;
}
