/**
 * Scale check (run by hand after a build, never in tests): `node dist/bench/scale.js [users] [durationS]`.
 * 10,000 closed-model users (one keep-alive connection each) from this one process against the mock backend
 * with a 1000 ms sleep. Reports errors by kind, throughput against the ideal users / sleep, latency above the
 * sleep, the generator's RSS and CPU. Raises the open-file limit by re-executing itself when the OS allows.
 */
import { availableParallelism } from 'node:os';
import { startMockBackend } from '../mock-backend/index.js';
import { runLoad, type LoadOptions } from '../src/engine/index.js';
import { formatPointSummary } from '../src/cli/render/point-summary.js';
import { openFileLimits, planOpenFiles, reexecWithOpenFiles, requiredOpenFiles } from '../src/engine/fd-limit.js';

const users = Number(process.argv[2] ?? 10_000);
const durationS = Number(process.argv[3] ?? 10);
const SLEEP_MS = 1000;
/** The backend runs in its own processes; on a small host two of them share its connections. */
const BACKEND_WORKERS = Math.min(4, Math.max(1, availableParallelism() - 1));

async function main(): Promise<void> {
  // The backend's processes hold the other end of every connection; they inherit this limit too.
  const limits = openFileLimits();
  const plan = planOpenFiles(users, limits);
  if (plan.action === 'reexec') {
    console.log(`open-file limit ${limits?.soft} is below ${requiredOpenFiles(users)}: re-running under ulimit -n ${plan.hard}`);
    process.exitCode = await reexecWithOpenFiles(plan.hard);
    return;
  }
  if (plan.action === 'refuse') {
    console.error(plan.message);
    process.exitCode = 2;
    return;
  }
  const backend = await startMockBackend({ sleepMs: SLEEP_MS, workers: BACKEND_WORKERS, isolate: true });
  const options: LoadOptions = {
    request: { url: `${backend.url}/echo`, method: 'GET', headers: {} },
    // Users start over 2 s so 10,000 connects do not all hit the listen backlog in the same millisecond.
    model: { kind: 'closed', users, rampUpMs: 2000, thinkTimeMs: 0 },
    warmupMs: 3000,
    durationMs: durationS * 1000,
    drainTimeoutMs: 5000,
    timeoutMs: 30_000,
    workers: 0,
    checks: {},
  };
  console.log(`$ node dist/bench/scale.js ${users} ${durationS}`);
  console.log(`mock backend ${backend.url}: sleep ${SLEEP_MS} ms, ${BACKEND_WORKERS} worker process(es); open files soft ${limits?.soft ?? '?'}, hard ${limits?.hard ?? '?'}; ${availableParallelism()} cores`);
  try {
    const result = await runLoad(options);
    console.log(formatPointSummary(result, options.request.url));
    const ideal = users / (SLEEP_MS / 1000);
    console.log('\nscale figures:');
    console.log(`  users ${users}, workers ${result.generator.workers}, errors ${result.errors} (${JSON.stringify(result.errorsByKind)})`);
    console.log(`  throughput ${result.throughputRps.toFixed(0)} req/s of ideal ${ideal.toFixed(0)} (users / sleep): ${(result.throughputRps / ideal).toFixed(3)}`);
    console.log(`  latency above the ${SLEEP_MS} ms sleep: p50 +${(result.latencyMs.p50 - SLEEP_MS).toFixed(1)} ms, p99 +${(result.latencyMs.p99 - SLEEP_MS).toFixed(1)} ms, max +${(result.latencyMs.max - SLEEP_MS).toFixed(1)} ms`);
    console.log(`  generator RSS max ${(result.generator.rssBytesMax / 2 ** 20).toFixed(0)} MiB, CPU ${result.generator.cpuPct.toFixed(0)}%, event-loop delay p99 ${result.generator.eventLoopDelayP99Ms.toFixed(1)} ms`);
    console.log(`  drain: ${JSON.stringify(result.drain)}`);
    if (result.errors > 0) process.exitCode = 1;
  } finally {
    await backend.close();
  }
}

await main();
