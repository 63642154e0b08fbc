import { GatebenchError } from '../errors.js';

/** An input-file problem at `file:line`, as every importer reports it. */
export function inputError(file: string, line: number, message: string, hint?: string): GatebenchError {
  return new GatebenchError('GB_INPUT_INVALID', `${file}:${line}: ${message}`, hint === undefined ? {} : { hint });
}

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
