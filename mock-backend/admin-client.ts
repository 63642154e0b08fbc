import type { BackendConfig, BackendConfigPatch } from './config.js';
import type { BackendStats } from './worker-stats.js';

/**
 * Client of the admin API, for the runner and target adapters: set the sleep before each point, read stats
 * after it. Every method throws with the server's message on a non-2xx answer.
 */
export class MockBackendAdmin {
  readonly adminUrl: string;
  private readonly token: string | undefined;

  /** `token`: the backend's admin token, sent as a bearer token on every call. */
  constructor(adminUrl: string, token?: string) {
    this.adminUrl = adminUrl.replace(/\/+$/, '');
    this.token = token;
  }

  getConfig(): Promise<BackendConfig> {
    return this.call<BackendConfig>('GET', '/config');
  }

  /** Applies a partial config; resolves once every worker uses it for its next request. */
  setConfig(patch: BackendConfigPatch): Promise<BackendConfig> {
    return this.call<BackendConfig>('PUT', '/config', patch);
  }

  getStats(): Promise<BackendStats> {
    return this.call<BackendStats>('GET', '/stats');
  }

  async reset(): Promise<void> {
    await this.call<unknown>('POST', '/reset');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.adminUrl + path, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.token !== undefined && { authorization: `Bearer ${this.token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON: keep the raw text
      }
      throw new Error(`mock backend admin ${method} ${path} answered ${response.status}: ${message}`);
    }
    return JSON.parse(text) as T;
  }
}
