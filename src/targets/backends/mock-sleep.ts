import { MockBackendAdmin } from '../../../mock-backend/index.js';
import { GatebenchError } from '../../errors.js';

/** Sets a running mock backend's sleep through its admin API; resolves once every worker uses it. */
export async function setMockSleepMs(admin: MockBackendAdmin, sleepMs: number): Promise<void> {
  try {
    await admin.setConfig({ sleepMs });
  } catch (error) {
    throw new GatebenchError('GB_TARGET_UNREACHABLE', `could not set the mock backend's sleep to ${sleepMs} ms at ${admin.adminUrl}: ${(error as Error).message}`, {
      hint: 'check backend.adminUrl and that the mock backend (`gatebench backend`) is running',
      cause: error,
    });
  }
}
