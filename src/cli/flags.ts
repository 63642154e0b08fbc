import { GatebenchError } from '../errors.js';

/** Bounds of a whole-number flag; either may be left out. */
export interface WholeRange {
  min?: number;
  max?: number;
}

function rangeText({ min, max }: WholeRange): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/**
 * A whole-number flag such as --port or --seed. Empty or blank text is refused (Number('') is 0, which would
 * quietly turn `--seed ''` into seed 0). Throws GB_INPUT_INVALID naming the flag, the allowed range and the text.
 */
export function wholeFlag(flag: string, text: string, range: WholeRange = {}): number {
  const value = Number(text);
  const { min, max } = range;
  if (text.trim() === '' || !Number.isInteger(value) || (min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new GatebenchError('GB_INPUT_INVALID', `${flag} must be a whole number${rangeText(range)}, got "${text}"`);
  }
  return value;
}

/** A flag read with a parser from scenario/units.ts; its error is reported under the flag's name. */
export function unitFlag<T>(flag: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    throw new GatebenchError('GB_INPUT_INVALID', `${flag}: ${(error as Error).message}`);
  }
}
