import { readFileSync } from 'node:fs';
import { GatebenchError } from '../errors.js';

/** What undici's `Agent`/`Pool`/`Client` `connect` option takes for a target's TLS settings. */
export interface TlsConnectOptions {
  /** PEM of the CA that signed the gateway's certificate. */
  ca?: Buffer | string;
  rejectUnauthorized: boolean;
}

/**
 * The one definition of the TLS connect options: certificate checks off only when `insecure` says so,
 * the CA when given. The token fetch and every load worker connect with these.
 */
export function connectOptions(insecure: boolean, ca?: Buffer | string): TlsConnectOptions {
  return { rejectUnauthorized: !insecure, ...(ca === undefined ? {} : { ca }) };
}

/** undici connect options for `target.tls`, reading the CA file when given (a config error naming it otherwise). */
export function tlsConnectOptions(tls: { caFile?: string | undefined; insecure: boolean }): TlsConnectOptions {
  if (tls.caFile === undefined) return connectOptions(tls.insecure);
  let ca: Buffer;
  try {
    ca = readFileSync(tls.caFile);
  } catch (error) {
    throw new GatebenchError('GB_CONFIG_INVALID', `target.tls.caFile: cannot read "${tls.caFile}": ${(error as Error).message}`, {
      hint: 'point caFile at the PEM file of the CA that signed the gateway certificate, or set target.tls.insecure: true for a self-signed test gateway',
      cause: error,
    });
  }
  return connectOptions(tls.insecure, ca);
}
