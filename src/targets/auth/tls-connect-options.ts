import { readFileSync } from 'node:fs';
import { GatebenchError } from '../../errors.js';
import type { TlsSpec } from '../../scenario/types.js';

/** What undici's `Agent`/`Pool` `connect` option takes for a target's TLS settings. */
export interface TlsConnectOptions {
  ca?: Buffer;
  rejectUnauthorized: boolean;
}

/**
 * undici connect options for `target.tls`: the CA file when given, certificate checks off only when
 * `insecure` says so. The engine builds its dispatchers with the same options as the token fetch.
 */
export function tlsConnectOptions(tls: TlsSpec): TlsConnectOptions {
  const options: TlsConnectOptions = { rejectUnauthorized: !tls.insecure };
  if (tls.caFile !== undefined) {
    try {
      options.ca = readFileSync(tls.caFile);
    } catch (error) {
      throw new GatebenchError('GB_CONFIG_INVALID', `target.tls.caFile: cannot read "${tls.caFile}": ${(error as Error).message}`, {
        hint: 'point caFile at the PEM file of the CA that signed the gateway certificate, or set target.tls.insecure: true for a self-signed test gateway',
        cause: error,
      });
    }
  }
  return options;
}
