/**
 * `npm run bench`: speed measured against peers in the same run (never in tests), printed as issue 12's table:
 * each figure a ratio from one run, its goal beside it. `npm run bench -- soak` runs the 10-minute memory point.
 * `npm run bench -- engine` or `-- backend` runs only that part. Each run prints the command it comes from.
 * `npm run bench -- repeatability` runs only issue 14's table (bench/repeatability.ts, about 5 minutes).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findNginxInstall } from '../src/targets/nginx/nginx-install.js';
import { packageRoot } from '../src/runtime/version.js';
import { sleepVersusNjs, backendGetVersusNginx } from './backend.js';
import { agreementWithWrk, engineVersusNginx } from './engine.js';
import { missing, printFigures, type Figure } from './figures.js';
import { runRepeatabilityBench } from './repeatability.js';
import { soak } from './soak.js';
import { which } from './tools.js';

const only = process.argv[2];
if (only === 'repeatability') {
  // Several minutes long and needs no peer tool, so it runs only when named; it prints its own table.
  await runRepeatabilityBench();
  process.exit(0);
}
const root = packageRoot();
if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
const wrkPath = await which('wrk');
const nginxPath = await which('nginx');
let njsModulePath: string | undefined;
try {
  njsModulePath = findNginxInstall(nginxPath).njsModulePath;
} catch {
  njsModulePath = undefined;
}
console.log(`wrk ${wrkPath ?? 'missing'}; nginx ${nginxPath ?? 'missing'}; njs ${njsModulePath ?? 'missing'}`);
console.log('note: every tool runs on this host, beside nginx / the mock backend; figures depend on the machine and its other load');

const figures: Figure[] = [];
const need = (tools: Record<string, string | undefined>): string | undefined => {
  const absent = Object.entries(tools).filter(([, path]) => path === undefined).map(([name]) => name);
  return absent.length === 0 ? undefined : `${absent.join(', ')} not installed (apt-get install wrk nginx libnginx-mod-http-js)`;
};

if (only === 'soak') {
  const why = need({ nginx: nginxPath });
  figures.push(...(why === undefined ? await soak(root, nginxPath!) : [missing('RSS growth of a 10-minute point', '≤ 10 MiB', why)]));
} else {
  if (only === undefined || only === 'engine') {
    const why = need({ wrk: wrkPath, nginx: nginxPath });
    if (why === undefined) figures.push(...(await engineVersusNginx(root, wrkPath!, nginxPath!)));
    else figures.push(missing('`load --workers 1` / `wrk -t1` and autocannon', 'see issue 12', why));
  }
  if (only === undefined || only === 'backend') {
    const why = need({ wrk: wrkPath, nginx: nginxPath, njs: njsModulePath });
    if (why === undefined) {
      figures.push(...(await backendGetVersusNginx(wrkPath!, nginxPath!)));
      figures.push(...(await sleepVersusNjs(wrkPath!, nginxPath!, njsModulePath!)));
    } else figures.push(missing('mock backend vs nginx', 'see issue 12', why));
  }
  if (only === undefined || only === 'engine') {
    const why = need({ wrk: wrkPath });
    figures.push(...(why === undefined ? await agreementWithWrk(root, wrkPath!) : [missing('agreement with wrk', 'within 2 %', why)]));
  }
  if (only === undefined) figures.push({ name: 'RSS growth of a 10-minute point, minute 1 → 10', value: 'run `npm run bench -- soak`', goal: '≤ 10 MiB', met: undefined });
}
printFigures(figures);
