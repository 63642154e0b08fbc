import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/cli/paths.js';

describe('displayPath', () => {
  it('shortens paths below the working directory', () => {
    expect(displayPath(join(process.cwd(), 'results', 'run-1'))).toBe(join('results', 'run-1'));
    expect(displayPath(join('results', 'run-1'))).toBe(join('results', 'run-1'));
  });

  it('leaves the working directory itself and paths outside it as given', () => {
    expect(displayPath(process.cwd())).toBe(process.cwd());
    const outside = resolve(process.cwd(), '..', 'elsewhere', 'plan.json');
    expect(displayPath(outside)).toBe(outside);
    expect(displayPath(join('..', 'elsewhere'))).toBe(join('..', 'elsewhere'));
  });
});
