/**
 * Failed requests are data: each undici / socket error maps to one stable kind counted in
 * PointResult.errorsByKind. Never throws.
 */
export type TransportErrorKind = 'refused' | 'reset' | 'timeout' | 'closed' | 'other';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

export function classifyError(error: unknown): TransportErrorKind {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return 'refused';
  if (code !== undefined && TIMEOUT_CODES.has(code)) return 'timeout';
  if (code === 'UND_ERR_SOCKET') {
    // undici says "other side closed" when the server ended the connection cleanly (FIN) mid-request.
    const message = error instanceof Error ? error.message : '';
    return /other side closed/i.test(message) ? 'closed' : 'reset';
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  return 'other';
}

/** The `code` of an error, or of its cause (undici wraps socket errors). */
export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') {
      const code = current.code;
      if (code !== 'UND_ERR_SOCKET') return code;
      // A socket error may carry the OS code (ECONNRESET) in its cause: prefer that.
      const cause = (current as { cause?: unknown }).cause;
      const inner = cause === undefined ? undefined : errorCode(cause);
      return inner ?? code;
    }
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return undefined;
}
