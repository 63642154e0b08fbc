import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { configPatchProblems, formatProblems, type BackendConfig, type BackendConfigPatch, type ConfigProblem } from './config.js';
import type { BackendStats } from './worker-stats.js';

/**
 * The admin listener: a separate server (127.0.0.1 by default) so nothing sent to the echo port can reach it.
 *   GET /config   PUT /config (partial JSON)   GET /stats   POST /reset
 * With a token, every request must carry `Authorization: Bearer <token>`; anything else gets 401.
 */

export interface BackendControl {
  getConfig(): BackendConfig;
  /** Resolves once every worker applies the (already validated) patch. */
  setConfig(patch: BackendConfigPatch): Promise<BackendConfig>;
  stats(): Promise<BackendStats>;
  reset(): Promise<void>;
}

const MAX_ADMIN_BODY_BYTES = 64 * 1024;
const ROUTES = 'GET /config, PUT /config, GET /stats, POST /reset';

class AdminInputError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: ConfigProblem[] = [],
  ) {
    super(message);
  }
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value, null, 2) + '\n');
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_ADMIN_BODY_BYTES) throw new AdminInputError(413, `admin body over ${MAX_ADMIN_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AdminInputError(400, `body is not JSON (${(error as Error).message}); send a JSON object such as {"sleepMs":30}`);
  }
}

async function route(control: BackendControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  const key = `${req.method} ${path}`;
  switch (key) {
    case 'GET /config':
      return reply(res, 200, control.getConfig());
    case 'PUT /config':
    case 'PATCH /config': {
      const patch = await readJson(req);
      const problems = configPatchProblems(patch);
      if (problems.length > 0) throw new AdminInputError(400, `invalid config: ${formatProblems(problems)}`, problems);
      return reply(res, 200, await control.setConfig(patch as BackendConfigPatch));
    }
    case 'GET /stats':
      return reply(res, 200, await control.stats());
    case 'POST /reset':
      await control.reset();
      return reply(res, 200, { reset: true });
    default: {
      const known = ['/config', '/stats', '/reset'].includes(path);
      throw new AdminInputError(known ? 405 : 404, `${key} is not an admin route; routes: ${ROUTES}`);
    }
  }
}

/** Compares digests, so neither the token's length nor its prefix leaks through timing. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  if (presented === undefined) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

export function createAdminServer(control: BackendControl, options: { token?: string } = {}): Server {
  const { token } = options;
  return createServer((req, res) => {
    if (token !== undefined && !tokenMatches(req.headers.authorization, token)) {
      // Drain the body unread so the connection stays usable for the retry with a token.
      req.resume();
      res.setHeader('www-authenticate', 'Bearer realm="gatebench-admin"');
      return reply(res, 401, { error: 'the admin API needs Authorization: Bearer <admin token> (the backend was started with --admin-token)' });
    }
    route(control, req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof AdminInputError) reply(res, error.status, { error: error.message, problems: error.problems });
      else reply(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
}
