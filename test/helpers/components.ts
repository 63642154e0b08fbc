import { existsSync } from 'node:fs';
import { findExecutable } from '../../src/runtime/find-executable.js';

export { findExecutable };

/**
 * Real components the integration tests use (nginx with njs, wrk, chromium).
 * On CI (`CI=true`, or GATEBENCH_REQUIRE_COMPONENTS=1; `.ci/run` sets both) a missing one fails the test;
 * locally the test is skipped with the reason printed.
 */
export const componentsRequired = process.env.GATEBENCH_REQUIRE_COMPONENTS === '1' || process.env.CI === 'true';

const NJS_MODULE_PATHS = ['/usr/lib/nginx/modules/ngx_http_js_module.so', '/usr/share/nginx/modules/ngx_http_js_module.so'];

export function njsModulePath(): string | undefined {
  return NJS_MODULE_PATHS.find((path) => existsSync(path));
}

/**
 * Returns a reason string when the component is missing (the caller skips with it), or undefined when present.
 * Throws when components are required (CI), so a missing component is a failure there.
 */
export type Component = 'nginx' | 'njs' | 'wrk' | 'chromium' | 'haproxy' | 'apache2' | 'caddy' | 'lua-cjson' | 'prometheus-node-exporter' | 'openssl';

const LUA_CJSON_PATHS = ['/usr/lib/x86_64-linux-gnu/lua/5.3/cjson.so', '/usr/lib/aarch64-linux-gnu/lua/5.3/cjson.so', '/usr/local/lib/lua/5.3/cjson.so'];

function isPresent(name: Component): boolean {
  if (name === 'njs') return njsModulePath() !== undefined;
  if (name === 'lua-cjson') return LUA_CJSON_PATHS.some((path) => existsSync(path));
  return findExecutable(name) !== undefined;
}

export function missingComponent(name: Component): string | undefined {
  const present = isPresent(name);
  if (present) return undefined;
  const reason = `${name} is not installed (apt-get install ${aptPackage(name)}); .ci/run installs it`;
  if (componentsRequired) throw new Error(`required component missing on CI: ${reason}`);
  console.warn(`skipping: ${reason}`);
  return reason;
}

function aptPackage(name: string): string {
  return name === 'njs' ? 'libnginx-mod-http-js' : name;
}

/**
 * Returns a reason string when this process may not open `needed` files (`ulimit -n`), or undefined. On CI a
 * low limit is a failure: .ci/run raises the soft limit to the hard one before the tests.
 */
export function tooFewOpenFiles(openFilesLimit: number, needed: number): string | undefined {
  if (!Number.isFinite(openFilesLimit) || openFilesLimit >= needed) return undefined;
  const reason = `ulimit -n is ${openFilesLimit}; this test needs ${needed} open files (raise it with ulimit -n 4096; .ci/run raises it)`;
  if (componentsRequired) throw new Error(`on CI: ${reason}`);
  console.warn(`skipping: ${reason}`);
  return reason;
}
