import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatebenchError } from '../../errors.js';
import { freePort, waitForPort } from '../../runtime/ports.js';
import { normalizePrefix } from '../embedded-gateway/route-match.js';
import { findNginxInstall } from './nginx-install.js';
import { renderNginxConfig } from './nginx-config.js';
import { NJS_MEDIATION_SOURCE } from './njs-mediation.js';
import { stopNginx } from './stop-nginx.js';
import { childPids } from './process-tree.js';

export interface NginxOptions {
  backendUrl: string;
  workers: number;
  echoPrefix: string;
  mediationPrefix: string;
  binary?: string;
}

export interface RunningNginx {
  port: number;
  version: string;
  masterPid: number;
  /** Master first, then its current workers (read from /proc each call, so respawned workers count). */
  pids(): Array<{ role: 'nginx-master' | 'nginx-worker'; pid: number }>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 3;

/** Writes a config into a fresh prefix directory, checks it with `nginx -t`, and runs nginx in the foreground. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const install = findNginxInstall(options.binary);
  const backend = new URL(options.backendUrl);
  if (backend.protocol !== 'http:') {
    throw new GatebenchError('GB_CONFIG_INVALID', `backend url ${options.backendUrl}: target: nginx proxies to http:// backends only`);
  }
  const prefixDir = mkdtempSync(join(tmpdir(), 'gatebench-nginx-'));
  // nginx workers drop to an unprivileged user when started as root; they must reach the temp dirs.
  chmodSync(prefixDir, 0o755);
  mkdirSync(join(prefixDir, 'logs'));
  mkdirSync(join(prefixDir, 'temp'));
  writeFileSync(join(prefixDir, 'mediation.js'), NJS_MEDIATION_SOURCE);
  const configFile = join(prefixDir, 'nginx.conf');
  const args = ['-p', `${prefixDir}/`, '-c', configFile, '-e', join(prefixDir, 'logs', 'error.log')];
  try {
    // Everything but the port stays the same across attempts.
    const config = {
      prefixDir,
      njsModulePath: install.njsModulePath,
      workers: options.workers,
      backendHostPort: backend.host.includes(':') ? backend.host : `${backend.host}:80`,
      backendBasePath: backend.pathname.replace(/\/+$/, ''),
      echoPrefix: normalizePrefix(options.echoPrefix),
      mediationPrefix: normalizePrefix(options.mediationPrefix),
    };
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      writeFileSync(configFile, renderNginxConfig({ ...config, port }));
      checkConfig(install.binary, args, configFile);
      const child = spawn(install.binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const stderr = collect(child);
      const outcome = await waitForPort('127.0.0.1', port, child, START_TIMEOUT_MS);
      if (outcome === 'listening') return running(child, port, install.version, prefixDir);
      await stopNginx(child, []);
      const log = `${stderr()}${readLog(prefixDir)}`;
      // Another program took the free port first: try another one.
      if (((outcome === 'exited' && /Address already in use/.test(log)) || outcome === 'foreign') && attempt < PORT_ATTEMPTS) continue;
      throw new GatebenchError('GB_TARGET_START_FAILED', `nginx did not start listening on 127.0.0.1:${port} (${outcome}):\n${log}`, {
        hint: `config: ${configFile}`,
      });
    }
  } catch (error) {
    rmSync(prefixDir, { recursive: true, force: true });
    throw error;
  }
}

function running(child: ChildProcess, port: number, version: string, prefixDir: string): RunningNginx {
  const masterPid = child.pid as number;
  const pids = (): Array<{ role: 'nginx-master' | 'nginx-worker'; pid: number }> =>
    child.exitCode !== null || child.signalCode !== null
      ? []
      : [{ role: 'nginx-master', pid: masterPid }, ...childPids(masterPid).map((pid) => ({ role: 'nginx-worker' as const, pid }))];
  return {
    port,
    version,
    masterPid,
    pids,
    async close() {
      await stopNginx(child, childPids(masterPid));
      rmSync(prefixDir, { recursive: true, force: true });
    },
  };
}

function checkConfig(binary: string, args: string[], configFile: string): void {
  const result = spawnSync(binary, ['-t', ...args], { encoding: 'utf8', timeout: 30_000 });
  if (result.status === 0) return;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim() || (result.error?.message ?? `exit status ${result.status}`);
  // The prefix directory is removed on failure, so quote the line nginx complains about.
  const lineNumber = Number(/nginx\.conf:(\d+)/.exec(output)?.[1]);
  const line = Number.isInteger(lineNumber) ? readFileSync(configFile, 'utf8').split('\n')[lineNumber - 1] : undefined;
  const quoted = line === undefined ? '' : `\n  line ${lineNumber}: ${line.trim()}`;
  throw new GatebenchError('GB_TARGET_START_FAILED', `nginx -t rejected the generated config:\n${output}${quoted}`, {
    hint: 'check target.routes (nginx takes them literally) and target.binary',
  });
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (text.length < 64_000) text += chunk;
  });
  return () => text;
}

function readLog(prefixDir: string): string {
  try {
    return readFileSync(join(prefixDir, 'logs', 'error.log'), 'utf8').slice(-8_000);
  } catch {
    return '';
  }
}
