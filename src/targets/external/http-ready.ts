import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * Waits until the gateway answers HTTP: any status line counts (a 404 on `/` is an answer). An open port is not
 * enough: a master process may listen before its workers can serve. Resolves false when `deadlineMs` (epoch ms) passes first.
 */
export async function waitForHttpAnswer(options: { protocol: 'http:' | 'https:'; host: string; port: number; deadlineMs: number; isAlive: () => boolean }): Promise<boolean> {
  while (Date.now() < options.deadlineMs && options.isAlive()) {
    if (await answers(options)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function answers(options: { protocol: 'http:' | 'https:'; host: string; port: number; deadlineMs: number }): Promise<boolean> {
  const timeout = Math.max(100, Math.min(2000, options.deadlineMs - Date.now()));
  // One connection per try, closed after the answer; TLS is not verified: this only asks whether anything answers.
  const send = options.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send({ host: options.host, port: options.port, method: 'GET', path: '/', agent: false, timeout, rejectUnauthorized: false, headers: { connection: 'close' } }, (response) => {
      response.resume();
      resolve(true);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
    request.end();
  });
}
