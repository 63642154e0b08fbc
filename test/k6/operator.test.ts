import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOperatorManifests, type OperatorManifests } from '../../src/k6/operator-manifests.js';
import { JSON_BYTES_PER_REQUEST, quantityBytes } from '../../src/k6/results-volume.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The TestRun CRD of grafana/k6-operator, committed in test/fixtures/k6 (its first line notes the commit it came from). */
function crdFile(): string {
  return join(repoRoot, 'test/fixtures/k6/k6.io_testruns.yaml');
}

/** Drops Kubernetes' `x-kubernetes-*` extensions, which JSON Schema validators do not know. */
function withoutKubernetesExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKubernetesExtensions);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-kubernetes-')).map(([key, item]) => [key, withoutKubernetesExtensions(item)]));
}

async function testRunValidator() {
  const crd = parse(await readFile(crdFile(), 'utf8')) as { spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: object } }> } };
  const version = crd.spec.versions.find((item) => item.name === 'v1alpha1')!;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(withoutKubernetesExtensions(version.schema.openAPIV3Schema) as object);
}

describe('k6-operator manifests', () => {
  let manifests: OperatorManifests;
  let outDir: string;

  beforeAll(async () => {
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/closed.yaml'));
    outDir = await mkdtemp(join(tmpdir(), 'gatebench-operator-'));
    manifests = await writeOperatorManifests(scenario, outDir, { parallelism: 4, namespace: 'perf' });
  });

  it('writes a TestRun that passes the TestRun CRD schema', async () => {
    const validate = await testRunValidator();
    const written = parse(await readFile(manifests.files.testRun, 'utf8')) as Record<string, unknown>;
    const ok = validate(written);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(written).toMatchObject({
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 'gatebench-k6-closed', namespace: 'perf' },
      spec: { parallelism: 4, script: { configMap: { name: 'gatebench-k6-closed-script', file: 'gatebench.js' } }, arguments: '--out json=/results/$(POD_NAME).json' },
    });
  });

  it('the schema check is real: a TestRun with a wrong field type fails it', async () => {
    const validate = await testRunValidator();
    const broken = structuredClone(manifests.testRun) as { spec: Record<string, unknown> };
    broken.spec.parallelism = 'four';
    broken.spec.cleanup = 'always';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath).sort()).toEqual(['/spec/cleanup', '/spec/parallelism']);
  });

  it('gives each runner its own output and summary file on the shared volume, and secrets from a Secret', async () => {
    const runner = (manifests.testRun as { spec: { runner: { env: Array<Record<string, unknown>>; volumeMounts: unknown[]; volumes: unknown[] } } }).spec.runner;
    expect(runner.env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(runner.env).toContainEqual({ name: 'GATEBENCH_SUMMARY_FILE', value: '/results/$(POD_NAME)-summary.json' });
    expect(runner.env).toContainEqual({ name: 'GATEBENCH_BEARER_TOKEN', valueFrom: { secretKeyRef: { name: 'gatebench-secrets', key: 'bearer-token' } } });
    expect(runner.volumeMounts).toEqual([{ name: 'results', mountPath: '/results' }]);
    expect(runner.volumes).toEqual([{ name: 'results', persistentVolumeClaim: { claimName: 'gatebench-k6-closed-results' } }]);
    const claim = parse(await readFile(manifests.files.resultsClaim, 'utf8')) as { spec: { accessModes: string[] } };
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  it('checks against the committed CRD of TestRun v1alpha1, whose runner has the fields the manifests use', async () => {
    const crd = parse(await readFile(crdFile(), 'utf8')) as { metadata: { name: string }; spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: { properties: { spec: { properties: { runner: { properties: Record<string, { properties?: Record<string, unknown> }> } } } } } } }> } };
    expect(crd.metadata.name).toBe('testruns.k6.io');
    const runner = crd.spec.versions.find((version) => version.name === 'v1alpha1')!.schema.openAPIV3Schema.properties.spec.properties.runner.properties;
    expect(Object.keys(runner)).toEqual(expect.arrayContaining(['env', 'initContainers', 'securityContext', 'volumeMounts', 'volumes']));
    expect(Object.keys(runner.securityContext!.properties!)).toContain('fsGroup');
    expect(Object.keys(runner.initContainers!.properties ?? (runner.initContainers as unknown as { items: { properties: object } }).items.properties)).toEqual(expect.arrayContaining(['name', 'image', 'command', 'volumeMounts']));
  });

  it('lets the k6 user (UID 12345) write to the results volume: fsGroup, and an init container that opens it', async () => {
    const written = parse(await readFile(manifests.files.testRun, 'utf8')) as { spec: { runner: { securityContext: unknown; initContainers: Array<Record<string, unknown>> } } };
    expect(written.spec.runner.securityContext).toEqual({ fsGroup: 12345 });
    expect(written.spec.runner.initContainers).toEqual([
      { name: 'results-permissions', image: 'busybox:1.36', command: ['sh', '-c', 'chmod 0777 /results'], volumeMounts: [{ name: 'results', mountPath: '/results' }] },
    ]);
  });

  it('sizes the results volume from the plan\'s expected requests, and warns when --storage is tight', async () => {
    const claim = parse(await readFile(manifests.files.resultsClaim, 'utf8')) as { spec: { resources: { requests: { storage: string } } } };
    // closed.yaml: 16 points of 25 s; 10 or 100 users against 0 ms or 30 ms backend sleep plus the assumed 5 ms gateway.
    const perPoint = [10 / 0.005, 100 / 0.005, 10 / 0.035, 100 / 0.035].map((rps) => Math.min(rps, 10_000) * 25);
    const requests = Math.ceil(4 * perPoint.reduce((sum, value) => sum + value, 0));
    expect(manifests.volume.requests).toBe(requests);
    expect(manifests.volume.bytes).toBe(requests * JSON_BYTES_PER_REQUEST);
    expect(quantityBytes(claim.spec.resources.requests.storage)).toBeGreaterThanOrEqual(manifests.volume.bytes * 1.25);
    expect(claim.spec.resources.requests.storage).toBe(`${Math.ceil((manifests.volume.bytes * 1.25) / 2 ** 30)}Gi`);
    expect(manifests.notes.filter((note) => note.includes('tight'))).toEqual([]);
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/closed.yaml'));
    const small = await writeOperatorManifests(scenario, await mkdtemp(join(tmpdir(), 'gatebench-operator-small-')), { parallelism: 4, storage: '5Gi' });
    expect(small.notes.find((note) => note.includes('tight'))).toMatch(/^--storage 5Gi \(5\.4 GB\) is tight for this sweep: about [\d,]+ requests × 4200 bytes of JSON ≈ [\d.]+ GB, and k6 only logs failed writes.*use --storage \d+Gi/);
    // An open-model plan: rate × seconds.
    const open = await loadScenario(join(repoRoot, 'test/fixtures/k6/open.yaml'));
    const openPlan = (await writeOperatorManifests(open, await mkdtemp(join(tmpdir(), 'gatebench-operator-open-')), { parallelism: 2 })).volume;
    expect(openPlan.requests).toBe(Math.ceil((50 + 12.5) * 13));
  });

  it('keeps the WSO2 preset\'s ConfigMap within what kubectl apply can store, and says what to do when one is not', async () => {
    const env = { APIM_GATEWAY_HOST: 'gw.example', APIM_CLIENT_ID: 'id', APIM_CLIENT_SECRET: 's', APIM_USERNAME: 'u', APIM_PASSWORD: 'p', MOCK_BACKEND_HOST: 'mock.example', GATEBENCH_ADMIN_TOKEN: 'admin-token-0123' };
    const wso2 = await loadScenario(join(repoRoot, 'scenarios/wso2-apim-2.1.0.yaml'), { env });
    const written = await writeOperatorManifests(wso2, await mkdtemp(join(tmpdir(), 'gatebench-operator-wso2-')), { parallelism: 4 });
    // The size client-side `kubectl apply` copies into its last-applied annotation (capped at 256 KiB).
    expect(Buffer.byteLength(JSON.stringify(written.configMap))).toBeLessThan(256 * 1024);
    expect(written.notes.filter((note) => note.includes('annotations'))).toEqual([]);
    // Twice the sweep's message sizes: the options and the plan double, past the annotation cap.
    const wider = { ...wso2, sweep: { ...wso2.sweep, messageSizesBytes: [...wso2.sweep.messageSizesBytes, 200, 2048, 20480, 204800] } };
    const large = await writeOperatorManifests(wider, await mkdtemp(join(tmpdir(), 'gatebench-operator-wider-')), { parallelism: 4 });
    expect(Buffer.byteLength(JSON.stringify(large.configMap))).toBeGreaterThan(256 * 1024);
    expect(large.notes.find((note) => note.includes('annotations'))).toMatch(
      /^configmap\.yaml is \d+ KiB, over the 256 KiB Kubernetes allows for annotations: plain `kubectl apply` fails on it \(metadata\.annotations: Too long\); apply it with `kubectl apply --server-side -f configmap\.yaml` or `kubectl create -f configmap\.yaml`/,
    );
  });

  it('notes when some runners would run no VU at a point', async () => {
    expect(manifests.notes.filter((note) => note.includes('--parallelism'))).toEqual([]);
    const scenario = await loadScenario(join(repoRoot, 'test/fixtures/k6/closed.yaml'));
    const wide = await writeOperatorManifests(scenario, await mkdtemp(join(tmpdir(), 'gatebench-operator-wide-')), { parallelism: 20 });
    expect(wide.notes).toContain('the smallest concurrency (10) is below --parallelism 20: k6 splits VUs between runners, so some runners run no VU at that point');
  });

  it('puts the bundled script, unchanged, in the ConfigMap', async () => {
    const configMap = parse(await readFile(manifests.files.configMap, 'utf8')) as { kind: string; data: Record<string, string> };
    const bundled = await readFile(join(outDir, 'script', 'k6-closed.js'), 'utf8');
    expect(configMap.kind).toBe('ConfigMap');
    expect(configMap.data['gatebench.js']).toBe(bundled);
    expect(Buffer.byteLength(bundled)).toBeLessThan(1024 * 1024);
  });
});
