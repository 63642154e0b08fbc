/**
 * WSO2's mediation sequence in the published API Manager benchmarks: take the backend's JSON
 * response apart and build a new one from two of its fields, `{"payload": $.payload, "size": $.size}`.
 * The parse and re-serialise are real work on purpose: that CPU cost is what the mediation API measures.
 * Throws SyntaxError (or TypeError for `null`) when the body is not a JSON object.
 */
export function mediateJson(body: string): string {
  const parsed: unknown = JSON.parse(body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError('backend response is JSON but not an object');
  }
  const source = parsed as { payload?: unknown; size?: unknown };
  return JSON.stringify({ payload: source.payload, size: source.size });
}
