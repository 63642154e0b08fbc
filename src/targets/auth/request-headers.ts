import type { AuthSpec, TlsSpec } from '../../scenario/types.js';
import { createOAuth2TokenSource } from './oauth2-token-source.js';

export interface HeaderSource {
  /** Static headers plus the resolved `authorization` header, fresh for each call. */
  headers(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Builds the headers every request to a target carries from its static headers and auth settings. */
export function createHeaderSource(staticHeaders: Record<string, string>, auth: AuthSpec, tls: TlsSpec): HeaderSource {
  // The auth setting owns `authorization`; a static one with other casing would be sent twice.
  const base = Object.fromEntries(
    Object.entries(staticHeaders).filter(([name]) => auth.kind === 'none' || name.toLowerCase() !== 'authorization'),
  );
  switch (auth.kind) {
    case 'none':
      return { headers: async () => ({ ...base }), close: async () => {} };
    case 'bearer': {
      const withToken = { ...base, authorization: `Bearer ${auth.token}` };
      return { headers: async () => ({ ...withToken }), close: async () => {} };
    }
    case 'oauth2': {
      const source = createOAuth2TokenSource(auth, tls);
      return {
        headers: async () => ({ ...base, authorization: `Bearer ${await source.token()}` }),
        close: () => source.close(),
      };
    }
  }
}

/**
 * Creates the header source and resolves it once up front, so bad credentials, a refused token request or an
 * unreadable caFile fail before anything starts; then runs `start` (the gateway gatebench launches, if any).
 * Whatever fails, the header source is closed, so a failed start leaves nothing behind.
 */
export async function openHeaderSource<T>(
  staticHeaders: Record<string, string>,
  auth: AuthSpec,
  tls: TlsSpec,
  start: () => Promise<T>,
): Promise<{ headers: HeaderSource; started: T }> {
  const headers = createHeaderSource(staticHeaders, auth, tls);
  try {
    await headers.headers();
    return { headers, started: await start() };
  } catch (error) {
    await headers.close();
    throw error;
  }
}
