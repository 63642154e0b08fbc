// A gateway gatebench starts must not outlive a failed start: bad auth settings are found before any
// process is spawned, so nothing is left running when startTarget rejects.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthSpec, TargetSpec, TlsSpec } from '../../src/scenario/types.js';
import { startTarget, type StartedBackend } from '../../src/targets/index.js';
import { childPids, isAlive } from '../../src/targets/nginx/process-tree.js';
import { missingComponent } from '../helpers/components.js';
import { deadPort, startLocalBackend, type LocalBackend } from './local-backend.js';

const missingNginx = missingComponent('nginx') ?? missingComponent('njs');
const unreadableCa: TlsSpec = { insecure: false, caFile: join(tmpdir(), `gatebench-no-such-ca-${process.pid}.pem`) };

function oauth2(tokenUrl: string): AuthSpec {
  return { kind: 'oauth2', grant: 'client_credentials', tokenUrl, clientId: 'id', clientSecret: 'secret', refreshMarginMs: 1000 };
}

function spec(kind: 'embedded' | 'nginx', auth: AuthSpec, tls: TlsSpec): TargetSpec {
  const routes = { echo: '/echo', mediation: '/mediation' };
  return kind === 'embedded' ? { kind, workers: 2, routes, headers: {}, auth, tls } : { kind, workers: 1, routes, headers: {}, auth, tls };
}

let backend: LocalBackend;
let started: StartedBackend;
let childrenBefore: number[];

beforeEach(async () => {
  backend = await startLocalBackend();
  started = { url: backend.url, processes: () => [], description: 'test backend', close: async () => {} };
  childrenBefore = childPids(process.pid);
});

afterEach(async () => {
  // Stop whatever a failed start left behind (only processes this test's start spawned), so one failure does not leak into the next.
  // Their own children (nginx workers) first, so none is orphaned.
  for (const pid of leftChildren()) for (const own of [...childPids(pid), pid]) if (isAlive(own)) process.kill(own, 'SIGKILL');
  await backend.close();
});

function leftChildren(): number[] {
  return childPids(process.pid).filter((pid) => !childrenBefore.includes(pid));
}

const kinds = [
  { kind: 'embedded' as const, skip: false },
  { kind: 'nginx' as const, skip: missingNginx !== undefined },
];

describe.each(kinds)('target $kind that cannot start', ({ kind, skip }) => {
  it.skipIf(skip)('an unreadable tls.caFile rejects with a config error and leaves no gateway process', async () => {
    const tokenUrl = `http://127.0.0.1:${await deadPort()}/token`;
    await expect(startTarget(spec(kind, oauth2(tokenUrl), unreadableCa), started)).rejects.toMatchObject({
      code: 'GB_CONFIG_INVALID',
      message: expect.stringContaining('target.tls.caFile'),
    });
    expect(leftChildren()).toEqual([]);
  });

  it.skipIf(skip)('a token endpoint that refuses the connection rejects at start and leaves no gateway process', async () => {
    const tokenUrl = `http://127.0.0.1:${await deadPort()}/token`;
    await expect(startTarget(spec(kind, oauth2(tokenUrl), { insecure: false }), started)).rejects.toThrow(tokenUrl);
    expect(leftChildren()).toEqual([]);
  });
});
