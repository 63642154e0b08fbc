import { GatebenchError } from '../errors.js';
import type { Api } from '../scenario/types.js';
import { parseDurationMs, parseSizeBytes } from '../scenario/units.js';

/** Which point a group of imported samples measured. Concurrency may come from the file (grpThreads). */
export interface PointSpec {
  api: Api;
  messageSizeBytes: number;
  backendSleepMs: number;
  concurrency?: number;
}

/** `echo/1KiB/30ms/100` (api/size/sleep[/concurrency]); undefined when the text does not have that shape. */
export function parsePointSpec(text: string): PointSpec | undefined {
  const parts = text.trim().split('/');
  if (parts.length < 3 || parts.length > 4) return undefined;
  const [api, size, sleep, concurrency] = parts;
  if (api !== 'echo' && api !== 'mediation') return undefined;
  try {
    const spec: PointSpec = { api, messageSizeBytes: parseSizeBytes(size!), backendSleepMs: parseDurationMs(sleep!) };
    if (concurrency !== undefined) {
      const users = Number(concurrency.replace(/^c/, ''));
      if (!Number.isInteger(users) || users < 1) return undefined;
      spec.concurrency = users;
    }
    return spec;
  } catch {
    return undefined;
  }
}

/** `--map 'label=echo/1KiB/30ms/100'` options, each checked; a bad one is an input error naming it. */
export function parseLabelMap(entries: string[]): Map<string, PointSpec> {
  const map = new Map<string, PointSpec>();
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const spec = at > 0 ? parsePointSpec(entry.slice(at + 1)) : undefined;
    if (!spec) {
      throw new GatebenchError('GB_INPUT_INVALID', `--map ${JSON.stringify(entry)}: expected 'label=api/size/sleep[/concurrency]'`, {
        hint: "e.g. --map 'HTTP Request=echo/1KiB/30ms/100' (api is echo or mediation; concurrency defaults to the file's grpThreads)",
      });
    }
    map.set(entry.slice(0, at), spec);
  }
  return map;
}

/**
 * The folder layout WSO2's performance-apim scripts write results into:
 * `<scenario>/<heap>_heap/<users>_users/<size>B/<sleep>ms_sleep/results.jtl`. The api is `mediation` when the
 * scenario folder says mediation or transformation, else `echo`.
 */
export function pointSpecFromWso2Path(file: string): PointSpec | undefined {
  const match = /([^/\\]+)[/\\]\d+[A-Za-z]?_heap[/\\](\d+)_users[/\\](\d+)B[/\\](\d+)ms_sleep[/\\]/.exec(file);
  if (!match) return undefined;
  return {
    api: /mediation|transformation/i.test(match[1]!) ? 'mediation' : 'echo',
    concurrency: Number(match[2]),
    messageSizeBytes: Number(match[3]),
    backendSleepMs: Number(match[4]),
  };
}
