import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/** Test helpers that speak raw TCP/HTTP to the backend, for what an HTTP client would refuse to send. */

export interface RawResult {
  /** Everything the server sent. */
  text: string;
  /** 'end' (FIN), 'reset' (ECONNRESET) or 'open' (still open when we gave up waiting). */
  closedBy: 'end' | 'reset' | 'open';
}

/** Writes `data`, then collects the answer until the server closes or `waitMs` passes. */
export function rawExchange(url: string, data: string | Buffer, waitMs = 5000): Promise<RawResult> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedBy: RawResult['closedBy']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closedBy });
    };
    const timer = setTimeout(() => finish('open'), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish('end'));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? finish('reset') : reject(error)));
    socket.on('close', () => finish('end'));
    socket.write(data);
  });
}

/** Opens a keep-alive connection and sends one request on it; resolves once the full response head arrived. */
export function openConnection(url: string, request: string): Promise<{ socket: Socket; head: Promise<string> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      let received = '';
      const head = new Promise<string>((resolveHead, rejectHead) => {
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('latin1');
          if (received.includes('\r\n\r\n')) resolveHead(received);
        });
        socket.on('error', rejectHead);
      });
      head.catch(() => undefined);
      socket.write(request);
      resolve({ socket, head });
    });
    socket.once('error', reject);
  });
}

/** Polls `read` until `accept` says yes; fails after `timeoutMs` with the last value (a bounded wait, not a timing test). */
export async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await delay(20);
    value = await read();
  }
  return value;
}
