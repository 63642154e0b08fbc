/** nginx serving one static 1 KiB file: the fixed point both benches measure against. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { wso2Payload } from '../src/payload.js';
import { freePort, waitForPort } from '../src/runtime/ports.js';

export const STATIC_BODY_BYTES = 1024;

export interface StaticNginx {
  /** The file's URL. */
  url: string;
  child: ChildProcess;
}

function staticConfig(dir: string, port: number): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${dir}/tmp/${name};`).join('\n');
  return (
    `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log warn;\nevents { worker_connections 4096; }\n` +
    `http {\n  access_log off;\n  keepalive_requests 10000000;\n  keepalive_timeout 300s;\n  default_type application/json;\n${temp}\n` +
    `  server { listen 127.0.0.1:${port}; location / { root ${dir}/html; } }\n}\n`
  );
}

/** nginx with njs answering every request with a 1 KiB body after `sleepMs` (setTimeout): the reference for the backend's sleep. */
function sleepConfig(dir: string, port: number, njsModulePath: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${dir}/tmp/${name};`).join('\n');
  return (
    `load_module ${njsModulePath};\ndaemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log warn;\n` +
    `events { worker_connections 4096; }\nhttp {\n  access_log off;\n  keepalive_requests 10000000;\n  keepalive_timeout 300s;\n  default_type application/json;\n${temp}\n` +
    `  js_import sleep from ${dir}/sleep.js;\n  server { listen 127.0.0.1:${port}; location / { js_content sleep.answer; } }\n}\n`
  );
}

export async function startSleepNginx(nginxPath: string, njsModulePath: string, dir: string, sleepMs: number): Promise<StaticNginx> {
  const port = await freePort();
  for (const sub of ['tmp', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
  const body = wso2Payload(STATIC_BODY_BYTES).toString('latin1');
  writeFileSync(join(dir, 'sleep.js'), `const BODY = ${JSON.stringify(body)};\nfunction answer(r) { setTimeout(() => r.return(200, BODY), ${sleepMs}); }\nexport default { answer };\n`);
  for (const path of [dir, join(dir, 'sleep.js')]) chmodSync(path, 0o755);
  writeFileSync(join(dir, 'nginx.conf'), sleepConfig(dir, port, njsModulePath));
  return startNginx(nginxPath, dir, port, `http://127.0.0.1:${port}/`, STATIC_BODY_BYTES);
}

/**
 * nginx with 1 worker in the foreground on 127.0.0.1, serving `fileName` (a 1 KiB WSO2 payload) from the
 * temp prefix `dir`. Resolves once it answers 200 with exactly those bytes; throws naming its error log otherwise.
 */
export async function startStaticNginx(nginxPath: string, dir: string, fileName: string): Promise<StaticNginx> {
  const port = await freePort();
  for (const sub of ['html', 'tmp', 'logs']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'html', fileName), wso2Payload(STATIC_BODY_BYTES));
  // nginx workers may run as nobody and must reach the file.
  for (const path of [dir, join(dir, 'html'), join(dir, 'html', fileName)]) chmodSync(path, 0o755);
  writeFileSync(join(dir, 'nginx.conf'), staticConfig(dir, port));
  return startNginx(nginxPath, dir, port, `http://127.0.0.1:${port}/${fileName}`, STATIC_BODY_BYTES);
}

/** Starts nginx with `dir`/nginx.conf; resolves once `url` answers 200 with `bodyBytes`, throws naming its error log otherwise. */
async function startNginx(nginxPath: string, dir: string, port: number, url: string, bodyBytes: number): Promise<StaticNginx> {
  const errorLog = join(dir, 'logs', 'error.log');
  const child = spawn(nginxPath, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', errorLog], { stdio: 'inherit' });
  const state = await waitForPort('127.0.0.1', port, child, 10_000);
  if (state !== 'listening') {
    child.kill('SIGKILL');
    throw new Error(`nginx ${state === 'exited' ? 'exited' : 'did not listen within 10 s'} on 127.0.0.1:${port}; see ${errorLog}`);
  }
  const check = await fetch(url);
  const bytes = (await check.arrayBuffer()).byteLength;
  if (check.status !== 200 || bytes !== bodyBytes) {
    child.kill('SIGKILL');
    throw new Error(`nginx answered ${check.status} with ${bytes} bytes for ${url}; see ${errorLog}`);
  }
  return { url, child };
}

/** Graceful stop (SIGQUIT), SIGKILL after 5 s. */
export async function stopStaticNginx(nginx: StaticNginx): Promise<void> {
  const { child } = nginx;
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGQUIT');
  await Promise.race([exited, delay(5000).then(() => child.kill('SIGKILL'))]);
}
