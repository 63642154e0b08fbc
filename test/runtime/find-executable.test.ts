import { chmod, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../../src/runtime/find-executable.js';

describe('findExecutable', () => {
  it('returns the first executable file on PATH, skipping non-executables and folders', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gatebench-find-'));
    const [plain, folder, good, later] = ['plain', 'folder', 'good', 'later'].map((name) => join(root, name));
    for (const dir of [plain, folder, good, later]) await mkdir(dir!);
    await writeFile(join(plain!, 'tool'), '#!/bin/sh\n');
    await mkdir(join(folder!, 'tool'));
    await writeFile(join(good!, 'tool'), '#!/bin/sh\n');
    await chmod(join(good!, 'tool'), 0o755);
    await writeFile(join(later!, 'tool'), '#!/bin/sh\n');
    await chmod(join(later!, 'tool'), 0o755);
    const pathVariable = [plain, folder, good, later].join(delimiter);
    expect(findExecutable('tool', { pathVariable, fallbackDirs: [] })).toBe(join(good!, 'tool'));
  });

  it('searches the fallback folders after PATH, and only those given', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gatebench-find-empty-'));
    const fallback = await mkdtemp(join(tmpdir(), 'gatebench-find-fallback-'));
    await writeFile(join(fallback, 'tool'), '#!/bin/sh\n');
    await chmod(join(fallback, 'tool'), 0o755);
    expect(findExecutable('tool', { pathVariable: empty, fallbackDirs: [] })).toBeUndefined();
    expect(findExecutable('tool', { pathVariable: empty, fallbackDirs: [fallback] })).toBe(join(fallback, 'tool'));
    expect(findExecutable('env', { pathVariable: empty })).toBe('/usr/bin/env');
  });
});
