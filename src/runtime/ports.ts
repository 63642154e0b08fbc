import type { ChildProcess } from 'node:child_process';
import { createServer, connect, type Server } from 'node:net';
import { descendsFrom, listeningPids } from './port-owner.js';

/** A loopback port free right now (bind 0, read it, close); the caller retries if it is taken meanwhile. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Listens on `host:port` (0 picks a free port) and resolves with the bound port; rejects on a listen error. */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** `http://host:port`, with an IPv6 literal host in brackets as URLs require (`http://[::1]:8080`). */
export function httpUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** `foreign`: the port opened, but another program holds it, not the started child (a port race). */
export type PortWait = 'listening' | 'exited' | 'timeout' | 'foreign';

/** Polls until `host:port` accepts a TCP connection, the child exits, or the time runs out. */
export async function waitForPort(host: string, port: number, child: ChildProcess, timeoutMs: number): Promise<PortWait> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return 'exited';
    if (await accepts(host, port)) return listenerIsChild(port, child) ? 'listening' : 'foreign';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 'timeout';
}

/** The listener belongs to the child or its descendants; unknown owners (no /proc) count as the child's. */
function listenerIsChild(port: number, child: ChildProcess): boolean {
  const owners = listeningPids(port);
  if (owners === undefined || child.pid === undefined) return true;
  return owners.some((pid) => descendsFrom(pid, child.pid as number));
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
