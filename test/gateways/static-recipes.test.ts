import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { NJS_MEDIATION_SOURCE } from '../../src/targets/nginx/njs-mediation.js';
import { renderNginxConfig } from '../../src/targets/nginx/nginx-config.js';
import { findExecutable } from '../helpers/components.js';

/**
 * Recipes for gateways with no Debian package (Kong, Envoy, WSO2 API-M) cannot run here; these checks keep
 * them from rotting: the fields each product reads, the Lua they run (compiled by luac), the Synapse XML.
 * The schemas list only the fields the recipes use, as documented by each product, and reject typos there.
 */
const read = (path: string): string => readFileSync(join('gateways', path), 'utf8');
const yamlOf = (path: string): unknown => parse(read(path));

const luac = findExecutable('luac5.3') ?? findExecutable('luac') ?? findExecutable('luac5.1');

/** Compiles a Lua chunk without running it; the message names the recipe and luac's complaint. */
function expectLuaCompiles(source: string, where: string): void {
  expect(luac, 'luac (Debian lua5.3) is needed to check recipe Lua').toBeDefined();
  const file = join(mkdtempSync(join(tmpdir(), 'gatebench-lua-')), 'chunk.lua');
  writeFileSync(file, source);
  const result = spawnSync(luac as string, ['-p', file], { encoding: 'utf8' });
  expect(result.status, `${where}: ${result.stderr}`).toBe(0);
}

const kongSchema = z.object({
  _format_version: z.literal('3.0'),
  services: z
    .array(
      z.object({
        name: z.string(),
        url: z.string().url(),
        routes: z.array(z.object({ name: z.string(), paths: z.array(z.string().startsWith('/')).min(1), strip_path: z.literal(true) }).passthrough()).min(1),
        plugins: z
          .array(z.object({ name: z.literal('post-function'), config: z.object({ header_filter: z.array(z.string()), body_filter: z.array(z.string()) }).strict() }))
          .optional(),
      }).passthrough(),
    )
    .length(2),
}).passthrough();

const typed = (type: string) => z.object({ '@type': z.literal(`type.googleapis.com/${type}`) }).passthrough();

const envoySchema = z.object({
  static_resources: z.object({
    listeners: z
      .array(
        z.object({
          filter_chains: z.array(
            z.object({
              filters: z.array(
                z.object({
                  name: z.literal('envoy.filters.network.http_connection_manager'),
                  typed_config: typed('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager').and(
                    z.object({
                      route_config: z.object({
                        virtual_hosts: z.array(
                          z.object({ routes: z.array(z.object({ match: z.object({ prefix: z.string() }), route: z.object({ cluster: z.string(), prefix_rewrite: z.literal('/') }).passthrough() }).passthrough()) }).passthrough(),
                        ),
                      }).passthrough(),
                      http_filters: z.tuple([
                        z.object({
                          name: z.literal('envoy.filters.http.lua'),
                          typed_config: typed('envoy.extensions.filters.http.lua.v3.Lua').and(z.object({ default_source_code: z.object({ inline_string: z.string() }) })),
                        }),
                        z.object({ name: z.literal('envoy.filters.http.router'), typed_config: typed('envoy.extensions.filters.http.router.v3.Router') }),
                      ]),
                    }),
                  ),
                }),
              ),
            }),
          ),
        }).passthrough(),
      )
      .length(1),
    clusters: z.array(z.object({ name: z.string(), load_assignment: z.object({ endpoints: z.array(z.unknown()).min(1) }).passthrough() }).passthrough()).length(1),
  }),
}).passthrough();

describe('gateways/kong', () => {
  const config = kongSchema.parse(yamlOf('kong/kong.yml'));
  it('routes /echo and /mediation with the prefix stripped, mediation through post-function', () => {
    const byPath = new Map(config.services.flatMap((service) => service.routes.map((route) => [route.paths[0], service] as const)));
    expect([...byPath.keys()].sort()).toEqual(['/echo', '/mediation']);
    expect(byPath.get('/echo')?.plugins).toBeUndefined();
    const plugin = byPath.get('/mediation')?.plugins?.[0];
    expect(plugin?.config.body_filter.join('\n')).toMatch(/cjson\.decode[\s\S]*payload = parsed\.payload, size = parsed\.size/);
  });
  it('has plugin code that compiles', () => {
    for (const service of config.services) {
      for (const [phase, chunks] of Object.entries(service.plugins?.[0]?.config ?? {})) chunks.forEach((chunk, index) => expectLuaCompiles(chunk, `kong ${phase}[${index}]`));
    }
  });
});

describe('gateways/envoy', () => {
  const config = envoySchema.parse(yamlOf('envoy/envoy.yaml'));
  const manager = config.static_resources.listeners[0]!.filter_chains[0]!.filters[0]!.typed_config;
  it('routes /echo without the Lua filter and /mediation through it, to the one backend cluster', () => {
    const routes = manager.route_config.virtual_hosts[0]!.routes;
    expect(routes.map((route) => route.match.prefix)).toEqual(['/echo', '/mediation']);
    expect(routes.every((route) => route.route.cluster === config.static_resources.clusters[0]!.name)).toBe(true);
    expect(JSON.stringify(routes[0])).toContain('"disabled":true');
    expect(JSON.stringify(routes[1])).not.toContain('disabled');
  });
  it('has Lua that compiles and rebuilds payload and size', () => {
    const lua = manager.http_filters[0].typed_config.default_source_code.inline_string;
    expect(lua).toMatch(/function envoy_on_response[\s\S]*payload = parsed\.payload, size = parsed\.size[\s\S]*setBytes/);
    expectLuaCompiles(lua, 'envoy inline_string');
  });
});

describe('gateways/wso2-apim', () => {
  /** The PayloadFactory WSO2's benchmark uses: JSON format with $.payload and $.size as its two arguments. */
  function expectBenchmarkPayloadFactory(xml: string, where: string): void {
    expect(XMLValidator.validate(xml), where).toBe(true);
    const factory = (new XMLParser({ ignoreAttributes: false }).parse(`<root>${xml.replace(/<\?xml[^>]*\?>/, '')}</root>`) as { root: Record<string, unknown> }).root;
    const payloadFactory = ((factory.sequence as Record<string, unknown> | undefined)?.payloadFactory ?? factory.payloadFactory) as {
      '@_media-type': string;
      format: string;
      args: { arg: Array<{ '@_expression': string }> };
    };
    expect(payloadFactory['@_media-type'], where).toBe('json');
    expect(payloadFactory.format).toBe('{"payload": "$1", "size": "$2"}');
    expect(payloadFactory.args.arg.map((arg) => arg['@_expression'])).toEqual(['$.payload', '$.size']);
  }

  it('3.x: the API names the out sequence that exists and is the benchmark PayloadFactory', () => {
    const api = z.object({ id: z.object({ apiName: z.string(), version: z.string() }), context: z.string(), outSequence: z.string(), endpointConfig: z.string() }).passthrough().parse(yamlOf('wso2-apim/3.x/GatebenchMediation/Meta-information/api.yaml'));
    const sequence = read(`wso2-apim/3.x/GatebenchMediation/Sequences/out-sequence/${api.outSequence}.xml`);
    expect(sequence).toContain(`name="${api.outSequence}"`);
    expectBenchmarkPayloadFactory(sequence, '3.x out sequence');
    expect(JSON.parse(api.endpointConfig)).toMatchObject({ endpoint_type: 'http', production_endpoints: { url: expect.stringMatching(/^http:/) } });
  });

  it('4.x: every operation carries the response policy whose spec and template exist', () => {
    const policyRef = z.object({ policyName: z.string(), policyVersion: z.string() }).passthrough();
    const api = z
      .object({
        type: z.literal('api'),
        data: z.object({
          context: z.string().startsWith('/'),
          endpointConfig: z.object({ endpoint_type: z.literal('http'), production_endpoints: z.object({ url: z.string().url() }) }).passthrough(),
          operations: z.array(z.object({ target: z.string(), verb: z.enum(['GET', 'POST']), operationPolicies: z.object({ request: z.array(policyRef), response: z.array(policyRef).length(1), fault: z.array(policyRef) }) }).passthrough()).min(1),
        }).passthrough(),
      })
      .passthrough()
      .parse(yamlOf('wso2-apim/4.x/GatebenchMediation/api.yaml'));
    for (const operation of api.data.operations) {
      const { policyName, policyVersion } = operation.operationPolicies.response[0]!;
      const spec = z
        .object({ type: z.literal('operation_policy_specification'), data: z.object({ name: z.literal(policyName), version: z.literal(policyVersion), applicableFlows: z.array(z.string()).refine((flows) => flows.includes('response')) }).passthrough() })
        .passthrough()
        .parse(yamlOf(`wso2-apim/4.x/GatebenchMediation/Policies/${policyName}_${policyVersion}.yaml`));
      expect(spec.data.name).toBe(policyName);
      expectBenchmarkPayloadFactory(read(`wso2-apim/4.x/GatebenchMediation/Policies/${policyName}_${policyVersion}.j2`), '4.x policy template');
    }
  });
});

describe('gateways/nginx', () => {
  it('ships exactly the config and njs module that target: nginx generates', () => {
    const rendered = renderNginxConfig({
      prefixDir: '/var/lib/gatebench-nginx',
      njsModulePath: '/usr/lib/nginx/modules/ngx_http_js_module.so',
      workers: 1,
      port: 9080,
      backendHostPort: '127.0.0.1:8688',
      backendBasePath: '',
      echoPrefix: '/echo',
      mediationPrefix: '/mediation',
    });
    expect(read('nginx/nginx.conf').endsWith(rendered)).toBe(true);
    expect(read('nginx/mediation.js')).toBe(NJS_MEDIATION_SOURCE.trimStart());
  });
});

describe('recipe scenario files', () => {
  const env = { GATEWAY_HOST: '127.0.0.1', BACKEND_HOST: '127.0.0.1', GATEBENCH_ADMIN_TOKEN: 'token-for-the-test' };
  it.each(['nginx', 'haproxy', 'apache', 'caddy', 'kong', 'envoy'])('gateways/%s/scenario.yaml loads', async (name) => {
    const scenario = await loadScenario(join('gateways', name, 'scenario.yaml'), { env });
    expect(scenario.sweep.apis.length).toBeGreaterThan(0);
  });
});
