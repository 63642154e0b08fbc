// Every ```yaml block in docs/ and README.md is loaded by the real loader, so a docs example cannot drift from
// the schema. A block that is only a part of a scenario (a `target:` section, say) is completed with the
// smallest target and sweep; a `mix:` block is a capacity mix file and goes through the mix loader.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseMixYaml } from '../../src/analysis/load-inputs.js';
import { parseScenario } from '../../src/scenario/load-scenario.js';

const files = [...readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => join('docs', name)), 'README.md'];

const blocks = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((match) => ({
    where: `${file}:${text.slice(0, match.index).split('\n').length}`,
    yaml: match[1]!,
  }));
});

/** Every ${NAME} a block uses, set to a plausible value. */
function placeholders(yaml: string): Record<string, string> {
  return Object.fromEntries([...yaml.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((match) => [match[1]!, `value-of-${match[1]!.toLowerCase()}`]));
}

describe('docs YAML examples', () => {
  it('finds the examples (the scenario example and the mix file at least)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks)('$where loads with the real loader', ({ where, yaml }) => {
    const document = parse(yaml) as Record<string, unknown>;
    if ('mix' in document) {
      expect(parseMixYaml(yaml, where).length).toBeGreaterThan(0);
      return;
    }
    const completed = [yaml, ...('target' in document ? [] : ['target: embedded']), ...('sweep' in document ? [] : ['sweep: { messageSizes: [1KiB], concurrency: [1] }'])].join('\n');
    const scenario = parseScenario(completed, join(process.cwd(), where.replace(/:\d+$/, '')), { env: placeholders(yaml) });
    expect(scenario.sweep.messageSizesBytes.length).toBeGreaterThan(0);
  });
});
