import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOperatorManifests, type OperatorManifests } from '../../src/k6/operator-manifests.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The TestRun CRD: the copy in test/fixtures/k6 first (it notes its origin), else /work/shared beside the clone. */
function crdFile(): string {
  const fixture = join(repoRoot, 'test/fixtures/k6/k6.io_testruns.yaml');
  return existsSync(fixture) ? fixture : join(resolve(repoRoot, '..', 'shared', 'k6-operator'), 'k6.io_testruns.yaml');
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

  it('keeps the fixture copy of the CRD identical to the shared reference, when that is beside the clone', async () => {
    const shared = join(resolve(repoRoot, '..', 'shared', 'k6-operator'), 'k6.io_testruns.yaml');
    if (!existsSync(shared)) return;
    const fixture = await readFile(join(repoRoot, 'test/fixtures/k6/k6.io_testruns.yaml'), 'utf8');
    expect(fixture.split('\n').filter((line) => !line.startsWith('# ')).join('\n')).toBe(await readFile(shared, 'utf8'));
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
