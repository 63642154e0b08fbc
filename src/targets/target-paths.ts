/** `/echo/` → `/echo`: StartedTarget paths and base URLs carry no trailing slash. */
export function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
