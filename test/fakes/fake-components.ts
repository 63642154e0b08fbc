import type { RunComponents } from '../../src/run/components.js';
import type { StartedBackend, StartedTarget } from '../../src/targets/types.js';
import { FakeDriver } from './fake-driver.js';

/** A target and backend that start nothing and record what the runner asked of them. */
export function fakeComponents(driver = new FakeDriver()): RunComponents & { sleeps: number[]; closed: string[] } {
  const sleeps: number[] = [];
  const closed: string[] = [];
  const backend: StartedBackend = {
    url: 'http://127.0.0.1:9',
    setSleepMs: async (sleepMs) => void sleeps.push(sleepMs),
    processes: () => [{ role: 'backend', pid: process.pid }],
    description: 'fake backend',
    close: async () => void closed.push('backend'),
  };
  const target: StartedTarget = {
    baseUrl: 'http://127.0.0.1:9',
    echoPath: '/echo',
    mediationPath: '/mediation',
    requestHeaders: async () => ({ authorization: 'Bearer fake' }),
    processes: () => [],
    description: 'fake target',
    close: async () => void closed.push('target'),
  };
  return {
    driver,
    startBackend: async () => backend,
    startTarget: async () => target,
    // No request: the fake target listens nowhere. The real preflight has its own tests against real servers.
    preflight: async ({ points }) => [...new Set(points.map((point) => point.api))].map((api) => ({ api, url: `${target.baseUrl}/${api}`, messageSizeBytes: 0, status: 200, latencyMs: 0 })),
    sleeps,
    closed,
  };
}
