/** Routing of the reference gateway: which API a request is for and the backend path it maps to. */
export type GatewayRoute = 'echo' | 'mediation';

export interface RoutePrefixes {
  echo: string;
  mediation: string;
}

export interface MatchedRoute {
  route: GatewayRoute;
  /** Path (and query) to request on the backend: backend base path + what followed the prefix. */
  backendPath: string;
}

/** `/echo`, `/echo/…` and `/echo?…` match the prefix `/echo`; `/echoes` does not. */
export function matchRoute(url: string, prefixes: RoutePrefixes, backendBasePath: string): MatchedRoute | undefined {
  const route: GatewayRoute | undefined = hasPrefix(url, prefixes.echo)
    ? 'echo'
    : hasPrefix(url, prefixes.mediation)
      ? 'mediation'
      : undefined;
  if (route === undefined) return undefined;
  const rest = url.slice(prefixes[route].length);
  return { route, backendPath: backendBasePath + (rest.startsWith('/') ? rest : `/${rest}`) };
}

function hasPrefix(url: string, prefix: string): boolean {
  if (!url.startsWith(prefix)) return false;
  const next = url.charCodeAt(prefix.length);
  return Number.isNaN(next) || next === 0x2f /* / */ || next === 0x3f /* ? */;
}

/** A route prefix without its trailing slash (`/echo/` → `/echo`); the root is not a valid prefix. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (!trimmed.startsWith('/')) throw new RangeError(`route prefix must start with "/" and not be "/" alone, got "${prefix}"`);
  return trimmed;
}
