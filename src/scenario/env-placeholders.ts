import type { FieldIssue } from './cross-checks.js';

const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}/g;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${NAME}` in every string of a parsed YAML tree with the environment variable's value, so secrets
 * stay out of scenario files. `$${` writes a literal `${`. Returns a new tree and one issue per unset or
 * malformed placeholder (with its path, so the caller can name the line).
 */
export function resolveEnvPlaceholders(value: unknown, env: NodeJS.ProcessEnv): { value: unknown; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const walk = (node: unknown, path: Array<string | number>): unknown => {
    if (typeof node === 'string') return substitute(node, path, env, issues);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };
  return { value: walk(value, []), issues };
}

function substitute(text: string, path: Array<string | number>, env: NodeJS.ProcessEnv, issues: FieldIssue[]): string {
  return text.replace(PLACEHOLDER, (match, name: string | undefined) => {
    if (match === '$${') return '${';
    if (name === undefined || !VARIABLE_NAME.test(name)) {
      issues.push({ path, message: `"${match}" is not a valid placeholder; write \${NAME} with letters, digits and _ (or $\${ for a literal)` });
      return match;
    }
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      issues.push({ path, message: `environment variable ${name} is not set; export ${name}=... before running (the file uses \${${name}})` });
      return match;
    }
    return resolved;
  });
}
