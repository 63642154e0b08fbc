import { isAbsolute, relative } from 'node:path';

/**
 * A path as the CLI prints it: relative to the working directory when below it (short, and pastes back into the
 * next command), the path as given otherwise, including the working directory itself (an empty string would
 * print nothing) and a path on another drive (where `relative` answers an absolute path).
 */
export function displayPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath === '' || relativePath.startsWith('..') || isAbsolute(relativePath) ? path : relativePath;
}
