import { z } from 'zod';
import { parseDurationMs, parsePercent, parseRateRps, parseSizeBytes } from './units.js';

/**
 * Field builders shared by the scenario schema: strict objects whose unknown-key message lists what is allowed,
 * and unit fields that run the one parser in units.ts and turn its RangeError into a schema issue.
 */

/** An object that rejects unknown keys and says which keys are allowed at that place. */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown key; allowed here: ${allowed}`;
      if (issue.code === 'invalid_type') return `expected a mapping with keys ${allowed}`;
      return undefined;
    },
  });
}

function unitField(parse: (input: string | number) => number, what: string, examples: string) {
  return z
    .union([z.string(), z.number()], { error: `expected ${what} such as ${examples}` })
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
}

export const durationField = () => unitField(parseDurationMs, 'a duration', '500ms, 30s, 2m');
export const sizeField = () => unitField(parseSizeBytes, 'a size', '50B, 1KiB, 10KiB, 100KiB');
export const rateField = () => unitField(parseRateRps, 'a rate', '500, 500/s, 500rps');
export const percentField = () => unitField(parsePercent, 'a percentage', '1% or 0.5%');

export const positiveInt = (what: string) =>
  z.number({ error: `expected ${what} (a whole number, 1 or more)` }).int(`${what} must be a whole number`).min(1, `${what} must be 1 or more`);

/** A sweep dimension: a non-empty list whose values are unique once parsed (duplicates would repeat points). */
export function dimension<Item extends z.ZodType>(item: Item, name: string) {
  return z
    .array(item, { error: `expected a list of ${name}, e.g. [a, b]` })
    .min(1, `${name} is empty; list at least one value`)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        const key = JSON.stringify(value);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `repeats an earlier value (${key}); each value must appear once` });
        seen.add(key);
      });
    });
}

export const pathPrefix = () =>
  z.string({ error: 'expected a path such as /echo' }).regex(/^\//, 'must start with "/", e.g. /echo/1.0.0');

export const httpUrl = () =>
  z.string({ error: 'expected a URL such as https://gateway:8243' }).refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'is not an http:// or https:// URL');
