import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { GatebenchError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import { isSecretHeader } from '../scenario/mask-secrets.js';
import { secretHeaderVariable } from './entry-source.js';
import { exportK6 } from './export-scripts.js';
import { estimateResultsVolume, storageWarning, type ResultsVolumeEstimate } from './results-volume.js';
import { K6_SECRET_ENV } from './types.js';

/**
 * Manifests for a distributed run with grafana/k6-operator: a ConfigMap holding the bundled script, a TestRun
 * (k6.io/v1alpha1) with `parallelism` runners, a ReadWriteMany PersistentVolumeClaim where every runner writes
 * its own `--out json` file and summary, and a small pod to copy the files out for `gatebench import k6`.
 * The operator splits the load by k6 execution segments; it does not merge results (import does).
 */
export interface OperatorOptions {
  parallelism: number;
  namespace?: string;
  /** Storage requested for the results volume, e.g. `50Gi`; default: estimated from the plan (results-volume.ts). */
  storage?: string;
  /** StorageClass of the results volume; it must support ReadWriteMany. */
  storageClassName?: string;
  runnerImage?: string;
  /** Kubernetes Secret holding the scenario's secrets (keys below); created by the user, never by gatebench. */
  secretName?: string;
}

export const RESULTS_MOUNT = '/results';
export const SCRIPT_KEY = 'gatebench.js';

export interface OperatorManifests {
  name: string;
  configMap: Record<string, unknown>;
  testRun: Record<string, unknown>;
  resultsClaim: Record<string, unknown>;
  collectorPod: Record<string, unknown>;
  files: { configMap: string; testRun: string; resultsClaim: string; collectorPod: string; planJson: string };
  /** Things to know before applying, in words. */
  notes: string[];
  /** The expected size of the JSON output, which the default volume size comes from. */
  volume: ResultsVolumeEstimate;
  /** Storage the results claim requests: --storage, else the estimate's. */
  storage: string;
}

/** Kubernetes refuses ConfigMaps over 1 MiB. */
const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/**
 * Client-side `kubectl apply` copies the whole object into the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation, and Kubernetes caps all annotations of an object at 256 KiB ("metadata.annotations: Too long").
 */
export const ANNOTATIONS_LIMIT_BYTES = 256 * 1024;

/** UID and GID of the grafana/k6 image's user; the runners must be able to create files on the results volume. */
export const K6_IMAGE_UID = 12345;

/** A DNS-1123 name short enough for the operator's `<name>-service-<n>` objects. */
export function kubernetesName(text: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return name === '' ? 'gatebench' : name;
}

export async function writeOperatorManifests(scenario: Scenario, outDir: string, options: OperatorOptions): Promise<OperatorManifests> {
  if (!Number.isInteger(options.parallelism) || options.parallelism < 1) {
    throw new GatebenchError('GB_INPUT_INVALID', `--parallelism must be a whole number of runners, 1 or more (got ${options.parallelism})`);
  }
  const exported = await exportK6(scenario, join(outDir, 'script'));
  const script = await readFile(exported.scriptJs, 'utf8');
  if (Buffer.byteLength(script) > CONFIGMAP_LIMIT_BYTES - 4096) {
    throw new GatebenchError('GB_INPUT_INVALID', `the bundled script is ${Buffer.byteLength(script)} bytes, too large for a ConfigMap (1 MiB)`, {
      hint: 'split the sweep into several scenarios, or put the script on a volume (TestRun spec.script.volumeClaim)',
    });
  }
  const name = kubernetesName(`gatebench-${scenario.name}`);
  const volume = estimateResultsVolume(exported.plan);
  const storage = options.storage ?? volume.storage;
  const manifests = buildOperatorManifests(scenario, script, name, { ...options, storage });
  await mkdir(outDir, { recursive: true });
  const files = {
    configMap: join(outDir, 'configmap.yaml'),
    testRun: join(outDir, 'testrun.yaml'),
    resultsClaim: join(outDir, 'results-pvc.yaml'),
    collectorPod: join(outDir, 'collector-pod.yaml'),
    planJson: exported.planJson,
  };
  await writeFile(files.configMap, stringify(manifests.configMap, { lineWidth: 0 }));
  await writeFile(files.testRun, stringify(manifests.testRun, { lineWidth: 0 }));
  await writeFile(files.resultsClaim, stringify(manifests.resultsClaim, { lineWidth: 0 }));
  await writeFile(files.collectorPod, stringify(manifests.collectorPod, { lineWidth: 0 }));
  const notes = [...exported.notes, ...sizeNotes(manifests.configMap, storage, volume)];
  const smallest = Math.min(...exported.plan.points.map((pointPlan) => pointPlan.point.concurrency ?? Number.POSITIVE_INFINITY));
  if (smallest < options.parallelism) {
    notes.push(`the smallest concurrency (${smallest}) is below --parallelism ${options.parallelism}: k6 splits VUs between runners, so some runners run no VU at that point`);
  }
  return { ...manifests, name, files, notes, volume, storage };
}

/** What the user must know about sizes: the ConfigMap against the annotation cap, the volume against the output. */
function sizeNotes(configMap: Record<string, unknown>, storage: string, volume: ResultsVolumeEstimate): string[] {
  const notes: string[] = [];
  // The annotation holds the object as compact JSON, so that is the size that counts.
  const appliedBytes = Buffer.byteLength(JSON.stringify(configMap));
  if (appliedBytes > ANNOTATIONS_LIMIT_BYTES) {
    notes.push(
      `configmap.yaml is ${Math.ceil(appliedBytes / 1024)} KiB, over the 256 KiB Kubernetes allows for annotations: plain \`kubectl apply\` fails on it (metadata.annotations: Too long); ` +
        'apply it with `kubectl apply --server-side -f configmap.yaml` or `kubectl create -f configmap.yaml` (docs/k6.md)',
    );
  }
  const warning = storageWarning(storage, volume);
  if (warning !== undefined) notes.push(warning);
  return notes;
}

/** Pure: the four manifests as objects. */
export function buildOperatorManifests(scenario: Scenario, script: string, name: string, options: OperatorOptions) {
  const metadata = (objectName: string) => ({ name: objectName, ...(options.namespace ? { namespace: options.namespace } : {}), labels: { 'app.kubernetes.io/part-of': 'gatebench' } });
  const claimName = `${name}-results`;
  const volume = { name: 'results', persistentVolumeClaim: { claimName } };
  const volumeMount = { name: 'results', mountPath: RESULTS_MOUNT };
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(`${name}-script`), data: { [SCRIPT_KEY]: script } };
  const testRun = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: metadata(name),
    spec: {
      parallelism: options.parallelism,
      script: { configMap: { name: `${name}-script`, file: SCRIPT_KEY } },
      // The operator runs k6 without a shell; Kubernetes itself expands $(POD_NAME) from the runner's env,
      // so each runner writes its own file on the shared volume.
      arguments: `--out json=${RESULTS_MOUNT}/$(POD_NAME).json`,
      runner: {
        ...(options.runnerImage ? { image: options.runnerImage } : {}),
        env: runnerEnv(scenario, options.secretName ?? 'gatebench-secrets'),
        // The k6 image runs as UID 12345 and a fresh volume's root is owned by root (k6-operator#99): fsGroup
        // makes the volume group-writable for it, and the init container opens it for storage that ignores fsGroup.
        securityContext: { fsGroup: K6_IMAGE_UID },
        initContainers: [
          { name: 'results-permissions', image: 'busybox:1.36', command: ['sh', '-c', `chmod 0777 ${RESULTS_MOUNT}`], volumeMounts: [volumeMount] },
        ],
        volumes: [volume],
        volumeMounts: [volumeMount],
      },
    },
  };
  const resultsClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(claimName),
    spec: {
      accessModes: ['ReadWriteMany'],
      ...(options.storageClassName ? { storageClassName: options.storageClassName } : {}),
      resources: { requests: { storage: options.storage ?? '5Gi' } },
    },
  };
  const collectorPod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(`${name}-collector`),
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'collector', image: 'busybox:1.36', command: ['sleep', '86400'], volumeMounts: [volumeMount] }],
      volumes: [volume],
    },
  };
  return { configMap, testRun, resultsClaim, collectorPod };
}

function runnerEnv(scenario: Scenario, secretName: string): Array<Record<string, unknown>> {
  const fromSecret = (variable: string, key: string) => ({ name: variable, valueFrom: { secretKeyRef: { name: secretName, key } } });
  const env: Array<Record<string, unknown>> = [
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: K6_SECRET_ENV.summaryFile, value: `${RESULTS_MOUNT}/$(POD_NAME)-summary.json` },
  ];
  if (scenario.target.kind !== 'external') env.push({ name: K6_SECRET_ENV.baseUrl, value: 'http://CHANGE-ME-gateway:8280' });
  const { auth } = scenario.target;
  if (auth.kind === 'bearer') env.push(fromSecret(K6_SECRET_ENV.bearerToken, 'bearer-token'));
  if (auth.kind === 'oauth2') {
    env.push(fromSecret(K6_SECRET_ENV.clientSecret, 'client-secret'));
    if (auth.grant === 'password') env.push(fromSecret(K6_SECRET_ENV.password, 'password'));
  }
  for (const header of Object.keys(scenario.target.headers)) {
    if (isSecretHeader(header)) {
      env.push(fromSecret(secretHeaderVariable(header), `header-${header.toLowerCase()}`));
    }
  }
  return env;
}
