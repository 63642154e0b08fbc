/**
 * Every error gatebench raises on purpose is a GatebenchError with a stable `code`.
 * The CLI maps codes to exit codes in one place; callers branch on `code`, never on the message.
 * Failed *requests* are data (counted in PointResult.errorsByKind), never exceptions.
 */
export type ErrorCode =
  | 'GB_CONFIG_INVALID'
  | 'GB_INPUT_INVALID'
  | 'GB_TARGET_UNREACHABLE'
  | 'GB_TARGET_START_FAILED'
  | 'GB_PREFLIGHT_FAILED'
  | 'GB_SLO_FAILED'
  | 'GB_DRIVER_FAILED'
  | 'GB_STORE_CORRUPT'
  | 'GB_RESUME_MISMATCH'
  | 'GB_NOT_AVAILABLE'
  | 'GB_REGRESSION'
  | 'GB_INTERRUPTED';

export class GatebenchError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatebenchError';
    this.code = code;
    this.hint = options.hint;
  }

  /** Exit status for the CLI (README "Exit codes"): the one place codes become exit statuses. */
  get exitCode(): number {
    return exitCodeOf(this.code);
  }
}

/**
 * The exit statuses of every command. A CI job branches on these, so each means one thing:
 * 1 is only `compare`'s confident regression, and a run that measured a failing point is 99, never 0.
 */
export const EXIT_CODES = {
  ok: 0,
  regression: 1,
  badInput: 2,
  targetUnreachable: 3,
  gatebenchFailed: 4,
  sloFailed: 99,
  interrupted: 130,
} as const;

export function exitCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'GB_REGRESSION':
      return EXIT_CODES.regression;
    case 'GB_CONFIG_INVALID':
    case 'GB_INPUT_INVALID':
    case 'GB_RESUME_MISMATCH':
    case 'GB_STORE_CORRUPT':
      return EXIT_CODES.badInput;
    case 'GB_TARGET_UNREACHABLE':
    case 'GB_TARGET_START_FAILED':
    case 'GB_PREFLIGHT_FAILED':
      return EXIT_CODES.targetUnreachable;
    case 'GB_SLO_FAILED':
      return EXIT_CODES.sloFailed;
    case 'GB_INTERRUPTED':
      return EXIT_CODES.interrupted;
    case 'GB_NOT_AVAILABLE':
    case 'GB_DRIVER_FAILED':
      return EXIT_CODES.gatebenchFailed;
  }
}

/** One problem in a configuration or input file, located as precisely as we can. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `sweep.messageSizes[2]`. Empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the source file, when known. */
  line?: number;
}

/** A configuration error that carries *every* issue found, each with its path and line. */
export class ConfigError extends GatebenchError {
  readonly file: string;
  readonly issues: ConfigIssue[];

  constructor(file: string, issues: ConfigIssue[]) {
    super('GB_CONFIG_INVALID', ConfigError.format(file, issues));
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }

  static format(file: string, issues: ConfigIssue[]): string {
    const lines = issues.map((issue) => {
      const where = issue.line === undefined ? file : `${file}:${issue.line}`;
      const field = issue.path === '' ? '' : ` ${issue.path}:`;
      return `  ${where}${field} ${issue.message}`;
    });
    return `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}\n${lines.join('\n')}`;
  }
}
