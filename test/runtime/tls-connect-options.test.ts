import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatebenchError } from '../../src/errors.js';
import { connectOptions, tlsConnectOptions } from '../../src/runtime/tls-connect-options.js';

describe('TLS connect options', () => {
  it('turns certificate checks off only when insecure, and carries the CA when given', () => {
    expect(connectOptions(false)).toEqual({ rejectUnauthorized: true });
    expect(connectOptions(true)).toEqual({ rejectUnauthorized: false });
    expect(connectOptions(false, 'PEM')).toEqual({ rejectUnauthorized: true, ca: 'PEM' });
  });

  it('reads target.tls.caFile, and names it when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatebench-tls-'));
    await writeFile(join(dir, 'ca.pem'), 'PEM');
    expect(tlsConnectOptions({ insecure: false, caFile: join(dir, 'ca.pem') })).toEqual({ rejectUnauthorized: true, ca: Buffer.from('PEM') });
    const missing = join(dir, 'missing.pem');
    expect(() => tlsConnectOptions({ insecure: false, caFile: missing })).toThrow(GatebenchError);
    expect(() => tlsConnectOptions({ insecure: false, caFile: missing })).toThrow(/target\.tls\.caFile: cannot read ".*missing\.pem"/);
  });
});
