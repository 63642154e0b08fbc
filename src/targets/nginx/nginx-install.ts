import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { GatebenchError } from '../../errors.js';
import { FALLBACK_DIRS, findExecutable } from '../../runtime/find-executable.js';

const APT_HINT = 'install them with: apt-get install nginx libnginx-mod-http-js (Debian/Ubuntu), or set target.binary to your nginx';
const NJS_MODULE_PATHS = ['/usr/lib/nginx/modules/ngx_http_js_module.so', '/usr/share/nginx/modules/ngx_http_js_module.so'];
// nginx built from source installs into /usr/local/nginx/sbin.
const NGINX_DIRS = [...FALLBACK_DIRS, '/usr/local/nginx/sbin'];

export interface NginxInstall {
  binary: string;
  njsModulePath: string;
  /** e.g. `1.22.1`, from `nginx -v`. */
  version: string;
}

/** Finds nginx and its njs module, or throws GB_NOT_AVAILABLE saying what to install. */
export function findNginxInstall(binary?: string): NginxInstall {
  const found = binary ?? findExecutable('nginx', { fallbackDirs: NGINX_DIRS });
  if (found === undefined || !existsSync(found)) {
    throw new GatebenchError('GB_NOT_AVAILABLE', binary === undefined ? 'target: nginx needs nginx, which is not installed' : `target.binary: ${binary} does not exist`, {
      hint: APT_HINT,
    });
  }
  const njsModulePath = NJS_MODULE_PATHS.find((path) => existsSync(path));
  if (njsModulePath === undefined) {
    throw new GatebenchError('GB_NOT_AVAILABLE', `target: nginx needs the njs module (looked for ${NJS_MODULE_PATHS.join(', ')})`, {
      hint: APT_HINT,
    });
  }
  return { binary: found, njsModulePath, version: nginxVersion(found) };
}

function nginxVersion(binary: string): string {
  // `nginx -v` writes "nginx version: nginx/1.22.1" to stderr.
  const result = spawnSync(binary, ['-v'], { encoding: 'utf8', timeout: 10_000 });
  const version = /nginx\/(\S+)/.exec(`${result.stderr ?? ''}${result.stdout ?? ''}`)?.[1];
  if (version !== undefined) return version;
  const reason = result.error?.message ?? `exit status ${result.status}`;
  throw new GatebenchError('GB_NOT_AVAILABLE', `${binary} -v failed: ${reason}`, { hint: APT_HINT });
}
