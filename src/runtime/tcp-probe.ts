import { connect } from 'node:net';

/**
 * One TCP connection to the URL's host and port, to say in words why nothing answered: refused, timed out,
 * unreachable, or connected (then the fault is above TCP: TLS, or no HTTP response). Used after a load found no
 * HTTP response at all, so the message names the cause rather than only a count of socket errors.
 */
export function describeTcpReach(url: URL, timeoutMs = 2000): Promise<string> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (text: string): void => {
      socket.destroy();
      resolve(text);
    };
    socket.setTimeout(timeoutMs, () => finish(`a test connection to ${host}:${port} timed out after ${timeoutMs} ms`));
    socket.once('connect', () => finish(`a test connection to ${host}:${port} was accepted, so the fault is above TCP (TLS, or no HTTP answer)`));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const words: Record<string, string> = { ECONNREFUSED: 'was refused: nothing listens there', EHOSTUNREACH: 'found no route to the host', ENETUNREACH: 'found no route to the network', ECONNRESET: 'was reset', ENOTFOUND: 'found no such host' };
      finish(`a test connection to ${host}:${port} ${words[error.code ?? ''] ?? `failed (${error.code ?? error.message})`}`);
    });
  });
}
