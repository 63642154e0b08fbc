import type { Command } from 'commander';
import { exportK6 } from '../../k6/export-scripts.js';
import { writeOperatorManifests } from '../../k6/operator-manifests.js';
import { runWithK6 } from '../../import/run-with-k6.js';
import { loadScenario } from '../../scenario/load-scenario.js';
import { displayPath } from '../paths.js';

/** `gatebench k6 export|run|operator`: argv to options, then the src/k6 API. */
export function register(program: Command): void {
  const k6 = program.command('k6').description('Run a scenario with k6: export scripts, run them, or write k6-operator manifests (docs/k6.md)');

  k6.command('export')
    .description('Write the TypeScript k6 script of a scenario (points in sequence), its runtime, the plan, and the bundled JavaScript')
    .argument('<scenario>', 'scenario YAML file')
    .requiredOption('--out <dir>', 'folder to write the scripts into')
    .action(async (file: string, flags: { out: string }) => {
      const exported = await exportK6(await loadScenario(file), flags.out);
      console.log(`k6 script: ${displayPath(exported.scriptJs)} (TypeScript source ${displayPath(exported.entryTs)}; plan ${displayPath(exported.planJson)})`);
      console.log(`${exported.plan.points.length} points, about ${Math.round(exported.plan.totalMs / 1000)} s: k6 run --out json=results.json ${displayPath(exported.scriptJs)}`);
      for (const note of exported.notes) console.log(`note: ${note}`);
    });

  k6.command('run')
    .description('Export, run with the k6 on PATH (--out json), and import the results into a run folder')
    .argument('<scenario>', 'scenario YAML file')
    .option('--out <dir>', 'run folder to create (default results/<run-id>)')
    .option('--base-url <url>', 'base URL of the running gateway (needed when the scenario target is not external)')
    .action(async (file: string, flags: { out?: string; baseUrl?: string }) => {
      const result = await runWithK6(await loadScenario(file), {
        ...(flags.out !== undefined ? { outDir: flags.out } : {}),
        ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}),
      });
      for (const warning of result.warnings) console.error(`warning: ${warning}`);
      console.log(`results: ${displayPath(result.run.dir)} (${result.run.points.length} points, ${result.k6Version})`);
    });

  k6.command('operator')
    .description('Write k6-operator manifests (ConfigMap, TestRun, results volume, collector pod) for a distributed run')
    .argument('<scenario>', 'scenario YAML file')
    .requiredOption('--parallelism <n>', 'number of k6 runner pods', (value) => Number(value))
    .requiredOption('--out <dir>', 'folder to write the manifests into')
    .option('--namespace <ns>', 'Kubernetes namespace of every object')
    .option('--storage <size>', 'size of the ReadWriteMany results volume (default: estimated from the plan\'s expected requests)')
    .option('--storage-class <name>', 'StorageClass of the results volume (must support ReadWriteMany)')
    .option('--image <image>', 'k6 runner image (default: the operator\'s, grafana/k6)')
    .action(async (file: string, flags: { parallelism: number; out: string; namespace?: string; storage?: string; storageClass?: string; image?: string }) => {
      const manifests = await writeOperatorManifests(await loadScenario(file), flags.out, {
        parallelism: flags.parallelism,
        ...(flags.storage !== undefined ? { storage: flags.storage } : {}),
        ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}),
        ...(flags.storageClass !== undefined ? { storageClassName: flags.storageClass } : {}),
        ...(flags.image !== undefined ? { runnerImage: flags.image } : {}),
      });
      const { files, volume } = manifests;
      console.log(`results volume: about ${volume.requests.toLocaleString('en-US')} requests, ${(volume.bytes / 1e9).toFixed(1)} GB of k6 JSON output; the volume requests ${manifests.storage}`);
      console.log(`wrote ${[files.resultsClaim, files.configMap, files.testRun, files.collectorPod].map(displayPath).join(', ')}`);
      for (const note of manifests.notes) console.log(`note: ${note}`);
      console.log(`apply in that order; then copy /results out of pod ${manifests.name}-collector and run: gatebench import k6 <files> ${displayPath(files.planJson)} --out results/<run-id> (docs/k6.md)`);
    });
}
