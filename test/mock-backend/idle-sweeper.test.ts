import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IdleSweeper, markRequest } from '../../mock-backend/idle-sweeper.js';

// Real loopback sockets; sweeps are called by hand (the period is never reached), so nothing depends on timing.
const HOUR_MS = 3_600_000;
let server: Server | undefined;
const clients: Socket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  if (server !== undefined) await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

/** One accepted server-side socket tracked by `sweeper`, and its client. */
async function connection(sweeper: IdleSweeper): Promise<{ accepted: Socket; client: Socket }> {
  server ??= createServer();
  if (!server.listening) await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect(port, '127.0.0.1');
  clients.push(client);
  const [socket] = await accepted;
  sweeper.add(socket);
  return { accepted: socket, client };
}

describe('IdleSweeper', () => {
  it('closes a connection with no request over a whole period, not before', async () => {
    const sweeper = new IdleSweeper(HOUR_MS);
    const { accepted, client } = await connection(sweeper);
    expect(sweeper.sweep()).toBe(0); // first pass only remembers
    expect(accepted.destroyed).toBe(false);
    expect(sweeper.sweep()).toBe(1);
    expect(accepted.destroyed).toBe(true);
    await once(client, 'close');
  });

  it('keeps a connection that had a new request since the last pass', async () => {
    const sweeper = new IdleSweeper(HOUR_MS);
    const { accepted } = await connection(sweeper);
    markRequest(accepted, { done: true });
    sweeper.sweep();
    markRequest(accepted, { done: true });
    expect(sweeper.sweep()).toBe(0);
    expect(accepted.destroyed).toBe(false);
    expect(sweeper.sweep()).toBe(1);
  });

  it('never closes a connection whose request is still in flight (a long sleep)', async () => {
    const sweeper = new IdleSweeper(HOUR_MS);
    const { accepted } = await connection(sweeper);
    const request = { done: false };
    markRequest(accepted, request);
    for (let pass = 0; pass < 5; pass++) expect(sweeper.sweep()).toBe(0);
    expect(accepted.destroyed).toBe(false);
    request.done = true;
    expect(sweeper.sweep()).toBe(1);
  });

  it('forgets a connection once it closes', async () => {
    const sweeper = new IdleSweeper(HOUR_MS);
    const { accepted, client } = await connection(sweeper);
    client.destroy();
    await once(accepted, 'close');
    sweeper.sweep();
    expect(sweeper.sweep()).toBe(0);
  });
});
