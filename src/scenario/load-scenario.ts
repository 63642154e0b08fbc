import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { crossCheck, type FieldIssue } from './cross-checks.js';
import { resolveEnvPlaceholders } from './env-placeholders.js';
import { normalizeScenario } from './normalize.js';
import { scenarioFileSchema } from './schema.js';
import type { Scenario } from './types.js';
import { lineOf } from './yaml-lines.js';

export interface ParseOptions {
  /** Where `${NAME}` placeholders are looked up; process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/** Reads, validates and normalizes a scenario file. Throws ConfigError listing every problem with its line. */
export async function loadScenario(file: string, options: ParseOptions = {}): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(file, [{ path: '', message: `cannot read the scenario: ${reason}` }]);
  }
  return parseScenario(text, file, options);
}

/** Validates YAML text as a scenario; `file` names it in errors and anchors relative paths (caFile). */
export function parseScenario(yamlText: string, file: string, options: ParseOptions = {}): Scenario {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => ({
        path: '',
        line: error.linePos?.[0]?.line,
        message: `YAML syntax error: ${firstLine(error.message)}`,
      })),
    );
  }
  const located = (issues: FieldIssue[]): ConfigIssue[] =>
    issues.map((issue) => ({ path: formatPath(issue.path), line: lineOf(document, lineCounter, issue.path), message: issue.message }));

  const raw: unknown = document.toJS();
  if (raw === null || raw === undefined) throw new ConfigError(file, [{ path: '', message: 'the file is empty; see docs/scenarios.md' }]);
  const resolved = resolveEnvPlaceholders(raw, options.env ?? process.env);
  const parsed = scenarioFileSchema.safeParse(resolved.value, { reportInput: true });
  const schemaIssues = parsed.success ? [] : zodIssues(parsed.error.issues);
  const allIssues = [...resolved.issues, ...schemaIssues];
  if (parsed.success && allIssues.length === 0) allIssues.push(...crossCheck(parsed.data));
  if (!parsed.success || allIssues.length > 0) throw new ConfigError(file, sortByLine(located(allIssues)));
  return normalizeScenario(parsed.data, file);
}

/** One FieldIssue per zod issue; an unknown-keys issue becomes one per key so each gets its own line. */
function zodIssues(issues: z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: issue.message }));
    if (issue.code === 'invalid_type' && issue.input === undefined) return [{ path, message: 'is required' }];
    return [{ path, message: issue.message }];
  });
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? key : `${text}.${key}`), '');
}

function sortByLine(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The yaml package appends ` at line N, column M:` and a code excerpt; we print the line number ourselves. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
