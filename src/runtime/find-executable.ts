import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where tools live when PATH lacks them (nginx sits in /usr/sbin, which a user's PATH often omits). */
export const FALLBACK_DIRS: readonly string[] = ['/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/bin', '/usr/local/bin'];

export interface FindExecutableOptions {
  /** The PATH to search; default process.env.PATH. */
  pathVariable?: string;
  /** Folders searched after PATH, in order; default FALLBACK_DIRS. */
  fallbackDirs?: readonly string[];
}

/** The first executable regular file `name` in PATH, then in the fallback folders, or undefined. */
export function findExecutable(name: string, options: FindExecutableOptions = {}): string | undefined {
  const pathDirs = (options.pathVariable ?? process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of [...pathDirs, ...(options.fallbackDirs ?? FALLBACK_DIRS)]) {
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Whether `path` is a regular file this process may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
