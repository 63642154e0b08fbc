import { request } from 'undici';
import { GatebenchError } from '../../errors.js';

/**
 * Sets a running mock backend's sleep through its admin API (`PUT <adminUrl>/config {"sleepMs": n}`).
 * Speaks HTTP only, so it works the same for a backend in this process, another process or another host.
 */
export async function putMockSleepMs(adminUrl: string, sleepMs: number): Promise<void> {
  const url = `${adminUrl.replace(/\/+$/, '')}/config`;
  let statusCode: number;
  let body: string;
  try {
    const response = await request(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sleepMs }),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    statusCode = response.statusCode;
    body = await response.body.text();
  } catch (error) {
    throw new GatebenchError('GB_TARGET_UNREACHABLE', `mock backend admin ${url} is unreachable: ${(error as Error).message}`, {
      hint: 'check backend.adminUrl and that the mock backend (`gatebench backend`) is running',
      cause: error,
    });
  }
  if (statusCode < 200 || statusCode > 299) {
    throw new GatebenchError('GB_TARGET_UNREACHABLE', `mock backend admin ${url} refused sleepMs=${sleepMs}: HTTP ${statusCode}: ${body.slice(0, 500)}`);
  }
}
