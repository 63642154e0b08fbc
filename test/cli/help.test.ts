import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';

function leaves(command: Command, path: string): Array<{ path: string; command: Command }> {
  if (command.commands.length === 0) return [{ path, command }];
  return command.commands.flatMap((sub) => leaves(sub, `${path} ${sub.name()}`));
}

function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

describe('help pages', () => {
  const pages = leaves(buildProgram(), 'gatebench').map(({ path, command }) => ({ path, text: helpOf(command) }));

  it('covers every command', () => {
    expect(pages.map((page) => page.path)).toContain('gatebench k6 operator');
    expect(pages.length).toBeGreaterThanOrEqual(14);
  });

  it.each(pages)('$path ends with examples and shows defaults one way', ({ path, text }) => {
    expect(text.trimEnd()).toMatch(new RegExp(`Examples:\\n(  \\$ ${path}.*\\n?)+$`));
    expect(text).not.toMatch(/\(default [^:]/);
    expect(text).not.toContain('(default: "');
  });

  it('marks required options', () => {
    expect(pages.find((page) => page.path === 'gatebench gateway')!.text).toContain('(required) backend base URL');
    expect(pages.find((page) => page.path === 'gatebench k6 operator')!.text).toContain('(required) number of k6 runner pods');
  });
});
