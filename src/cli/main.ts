/**
 * The `failpoint` command line: validate, analyze, simulate, compare and trace blueprint files with
 * the same engine the app uses.
 */
import { readFile } from 'node:fs/promises';
import { runAnalyze } from './analyze';
import { runCompare } from './compare';
import { EXIT, UsageError, type CliIO } from './io';
import { takeLanguageOption } from './language';
import { runSimulate } from './simulate';
import { runTraceCommand } from './trace';
import { runValidate } from './validate';

const VERSION = '0.1.0';

const USAGE = `Failpoint ${VERSION}: service-blueprint reliability from the command line.

Usage: failpoint <command> <file> [options]

Commands:
  validate FILE [--json]                  list every problem of a blueprint
  analyze  FILE [--scenario ID] [--json]  exact reliability, fail points, importance, tornado
  simulate FILE [--trials N] [--precision E] [--seed S] [--workers W] [--scenario ID] [--json]
                                          Monte Carlo simulation in worker threads
  compare  FILE [--json]                  every scenario against the baseline
  trace    FILE [--customers N] [--seed S] [--scenario ID] [--json]
                                          customers walked node by node: share served, paths

Every command also takes --lang zh|en: the language of its sentences about the blueprint
(else LC_ALL, LC_MESSAGES or LANG starting with "zh" chooses Chinese; English by default).

Exit codes: 0 done, 1 the blueprint has problems, 2 the file cannot be read or the arguments are wrong.
`;

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  validate: runValidate,
  analyze: runAnalyze,
  simulate: runSimulate,
  compare: runCompare,
  trace: runTraceCommand,
};

/** The terminal as a {@link CliIO}. */
export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.columns,
    readFile: (path) => readFile(path, 'utf8'),
  };
}

/** Runs one command line and returns its exit code. Never throws. */
export async function main(
  argv: string[],
  terminal: CliIO = processIO(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  let io = terminal;
  try {
    const chosen = takeLanguageOption(argv, env);
    argv = chosen.argv;
    io = { ...terminal, language: chosen.language };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`failpoint: ${error.message}\n`);
    return EXIT.usage;
  }
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(
      `failpoint: "${command}" is not a command. The commands are validate, analyze, simulate, compare and trace; run "failpoint help" for details.\n`,
    );
    return EXIT.usage;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`failpoint: ${error.message}\n`);
      return EXIT.usage;
    }
    // A bug, not a user mistake: still a sentence, with the detail for a bug report.
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(
      `failpoint: ${command} stopped on an internal error (${detail}). Please report it with the blueprint file.\n`,
    );
    return EXIT.usage;
  }
}
