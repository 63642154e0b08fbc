import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What a user of another repository does: `npm pack`, install the tarball into an empty project, run the
 * installed `gatebench`. No checkout is involved past the pack: the commands run from the empty project.
 * The install uses the local npm cache first (`--prefer-offline`), which `npm ci` filled.
 */
const repo = resolve('.');
const version = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm pack tarball', () => {
  it('installs into an empty project and runs --version and a 2-second load against its own backend', { timeout: 300_000 }, async () => {
    // `npm test` builds dist/ first; packing must not rebuild it (--ignore-scripts), only take it.
    expect(existsSync(join(repo, 'dist/src/cli/main.js')), 'dist/ is built by `npm test` (npm run build)').toBe(true);
    const work = mkdtempSync(join(tmpdir(), 'gatebench-pack-'));
    const packed = execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const project = join(work, 'empty-project');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
    const install = spawnSync(npm, ['install', join(work, packed), '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project, encoding: 'utf8', timeout: 240_000 });
    expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);

    const gatebench = join(project, 'node_modules/.bin/gatebench');
    expect(execFileSync(gatebench, ['--version'], { cwd: project, encoding: 'utf8' }).trim()).toBe(version);

    const backend = spawn(gatebench, ['backend', '--port', '0', '--admin-port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      backend.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      backend.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setInterval(() => {
          const match = /echo (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) {
            clearInterval(timer);
            resolveUrl(match[1]!);
          }
        }, 50);
        backend.once('exit', () => {
          clearInterval(timer);
          reject(new Error(`gatebench backend exited: ${output}`));
        });
      });
      const load = spawnSync(gatebench, ['load', `${url}/echo`, '-c', '2', '-d', '2s', '--warmup', '500ms', '--body-size', '1KiB', '--json'], {
        cwd: project,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(load.status, load.stderr).toBe(0);
      const point = JSON.parse(load.stdout) as { requests: number; errors: number };
      expect(point.requests).toBeGreaterThan(0);
      expect(point.errors).toBe(0);
    } finally {
      backend.kill('SIGTERM');
      await once(backend, 'exit');
    }
  });
});
