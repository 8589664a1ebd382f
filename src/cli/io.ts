import type { DiagnosticLanguage } from '../sim/diagnostics';
import type { CliTask } from './messages';

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
  /**
   * Reads a file; throws a Node error (ENOENT, EISDIR…) when it cannot. Bytes are decoded the
   * way the app decodes them (UTF-8 with or without a byte order mark, UTF-16 with one; see
   * `sim/text.ts`); a string is taken as text already decoded.
   */
  readFile(path: string): Promise<string | Uint8Array>;
}

/** Exit codes shared by every command. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The blueprint has problems; each was printed. */
  invalid: 1,
  /** The file cannot be read or parsed, or the arguments are wrong. */
  usage: 2,
  /**
   * Failpoint itself failed (the engine threw on a blueprint that passed validation): a fault
   * to report, kept apart from 2 so that scripts do not read it as a bad file.
   */
  internal: 3,
  /** Standard output closed early (`failpoint … | head -1`): the reader has what it wanted. */
  closedPipe: 0,
  /** Interrupted by Ctrl-C (128 + SIGINT), the shell convention. */
  interrupted: 130,
} as const;

/**
 * Thrown by argument handling for a usage error; printed as its sentence with exit code 2.
 * `message` is English; `zh`, when given, is the same sentence in Chinese (a sentence thrown
 * where the language is not at hand carries both, and the printer picks).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly zh?: string,
  ) {
    super(message);
  }

  /** The sentence in `language`; English when no translation was given. */
  in(language: DiagnosticLanguage | undefined): string {
    return language === 'zh' && this.zh !== undefined ? this.zh : this.message;
  }
}

/**
 * The engine threw while a command was doing `task`: printed by `main` as one sentence naming
 * the task and the file, with exit code {@link EXIT.internal}.
 */
export class InternalError extends Error {
  constructor(
    readonly task: CliTask,
    readonly file: string | undefined,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * Runs one piece of engine work for a command; an exception from it (a fault of Failpoint, the
 * file having passed validation) becomes an {@link InternalError} naming `task` and `file`.
 */
export function during<T>(task: CliTask, file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof UsageError || error instanceof InternalError) throw error;
    throw new InternalError(task, file, error instanceof Error ? error.message : String(error));
  }
}

/** The async form of {@link during}, for the simulation pool. */
export async function duringAsync<T>(
  task: CliTask,
  file: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UsageError || error instanceof InternalError) throw error;
    throw new InternalError(task, file, error instanceof Error ? error.message : String(error));
  }
}
