import type { DiagnosticLanguage } from '../sim/diagnostics';

/** Where a command writes, so commands can be run and checked without a real terminal. */
export interface CliIO {
  /** The language of sentences about the blueprint (`--lang`, else the locale); English if unset. */
  language?: DiagnosticLanguage;
  /** Writes text to standard output as is (add the newline yourself). */
  stdout(text: string): void;
  /** Writes text to standard error as is. */
  stderr(text: string): void;
  /** True when standard output is an interactive terminal (progress bars are drawn then). */
  isTTY: boolean;
  /** Terminal width in columns, when known. */
  columns?: number;
  /** Reads a file as UTF-8 text; throws a Node error (ENOENT, EISDIR…) when it cannot. */
  readFile(path: string): Promise<string>;
}

/** Exit codes shared by every command. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The blueprint has problems; each was printed. */
  invalid: 1,
  /** The file cannot be read or parsed, or the arguments are wrong. */
  usage: 2,
} as const;

/** Thrown by argument handling for a usage error; printed as its message with exit code 2. */
export class UsageError extends Error {}
