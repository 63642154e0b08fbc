import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../mock-backend/index.js';

const CONNECTIONS = 8;
let backend: MockBackend;
let pool: Pool;

beforeAll(async () => {
  backend = await startMockBackend({ workers: 2 });
  pool = new Pool(backend.url, { connections: CONNECTIONS, pipelining: 1 });
});
afterAll(async () => {
  await pool.close();
  await backend.close();
});

interface Answer {
  worker: string;
  status: number;
  bytes: number;
  elapsedMs: number;
}

/** Enough concurrent slow requests that every pooled keep-alive connection is used at once. */
async function burst(count: number, path = '/'): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const started = performance.now();
      const response = await pool.request({ path, method: 'GET' });
      const body = await response.body.arrayBuffer();
      return { worker: String(response.headers['x-gatebench-worker']), status: response.statusCode, bytes: body.byteLength, elapsedMs: performance.now() - started };
    }),
  );
}

function byWorker(answers: Answer[]): Map<string, Answer[]> {
  const groups = new Map<string, Answer[]>();
  for (const answer of answers) groups.set(answer.worker, [...(groups.get(answer.worker) ?? []), answer]);
  return groups;
}

describe('two cluster workers', () => {
  it('runs two worker processes that both serve', async () => {
    expect(backend.workers).toBe(2);
    expect(new Set(backend.pids()).size).toBe(2);
    expect(backend.pids()).not.toContain(process.pid);
    await backend.admin.setConfig({ sleepMs: 50 });
    const answers = await burst(CONNECTIONS * 2);
    expect([...byWorker(answers).keys()].sort()).toEqual(['1', '2']);
  });

  it('applies each config change to the next request on every worker', async () => {
    await backend.admin.setConfig({ sleepMs: 20, responseSizeBytes: 2048 });
    let answers = await burst(CONNECTIONS * 2);
    expect([...byWorker(answers).keys()].sort()).toEqual(['1', '2']);
    for (const answer of answers) expect(answer.bytes).toBe(2048);

    await backend.admin.setConfig({ sleepMs: 150, responseSizeBytes: 512 });
    answers = await burst(CONNECTIONS * 2);
    expect([...byWorker(answers).keys()].sort()).toEqual(['1', '2']);
    for (const answer of answers) {
      expect(answer.bytes).toBe(512);
      expect(answer.elapsedMs).toBeGreaterThanOrEqual(150);
    }

    await backend.admin.setConfig({ sleepMs: 20, errorRate: 1, errorStatus: 500 });
    answers = await burst(CONNECTIONS * 2);
    expect([...byWorker(answers).keys()].sort()).toEqual(['1', '2']);
    for (const answer of answers) expect(answer.status).toBe(500);
    await backend.admin.setConfig({ errorRate: 0 });
  });

  it('sums stats over the workers, and reset clears every worker', async () => {
    await backend.admin.setConfig({ sleepMs: 30, responseSizeBytes: 1024 });
    await backend.admin.reset();
    const answers = await burst(CONNECTIONS * 3);
    const stats = await backend.admin.getStats();
    expect(stats.workers).toBe(2);
    expect(stats.requests).toBe(answers.length);
    expect(stats.bytesOut).toBe(answers.length * 1024);
    expect(stats.responsesByStatus).toEqual({ '200': answers.length });
    const perWorker = byWorker(answers);
    for (const worker of stats.perWorker) expect(worker.requests).toBe(perWorker.get(String(worker.workerId))?.length ?? 0);
    expect(stats.sleepOvershootMs.count).toBe(answers.length);
    await backend.admin.reset();
    expect((await backend.admin.getStats()).requests).toBe(0);
  });

  it('two clustered backends in one process get separate ports', async () => {
    const other = await startMockBackend({ workers: 2, responseSizeBytes: 100 });
    try {
      expect(other.url).not.toBe(backend.url);
      const response = await fetch(other.url + '/');
      expect((await response.text()).length).toBe(100);
    } finally {
      await other.close();
    }
    expect(other.pids()).toEqual([]);
  });
});
