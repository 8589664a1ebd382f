/** Reading a blueprint file for a command: every failure becomes a sentence and an exit code. */
import { diagnosticName, type Diagnostic } from '../sim/diagnostics';
import { parseBlueprint, type Blueprint } from '../sim/parse';
import { EXIT, type CliIO } from './io';

export type Loaded = { ok: true; blueprint: Blueprint } | { ok: false; exitCode: number };

function readFailure(path: string, error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `Cannot read "${path}": there is no such file.`;
    case 'EISDIR':
      return `Cannot read "${path}": it is a folder, not a blueprint file.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot read "${path}": permission denied.`;
    default:
      return `Cannot read "${path}": ${error instanceof Error ? error.message : String(error)}.`;
  }
}

/** Reads a file as text, or prints why it cannot be read and returns null. */
export async function readText(path: string, io: CliIO): Promise<string | null> {
  try {
    return await io.readFile(path);
  } catch (error) {
    io.stderr(`failpoint: ${readFailure(path, error)}\n`);
    return null;
  }
}

/** The exit code for a list of problems: 2 when the file is not even JSON, otherwise 1. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.code === 'BP001') ? EXIT.usage : EXIT.invalid;
}

/** One line per problem: `BP012 probabilities-do-not-sum-to-one  The probabilities …`. */
export function formatProblems(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `  ${diagnosticName(d.code)}  ${d.message}\n`).join('');
}

/**
 * Reads and validates a blueprint. Problems are printed to stderr; a file that cannot be read
 * or is not JSON exits with 2, a blueprint with problems with 1.
 */
export async function loadBlueprint(path: string, io: CliIO): Promise<Loaded> {
  const text = await readText(path, io);
  if (text === null) return { ok: false, exitCode: EXIT.usage };
  const result = parseBlueprint(text);
  if (result.ok) return { ok: true, blueprint: result.blueprint };
  const n = result.diagnostics.length;
  io.stderr(`failpoint: ${path} has ${n} problem${n === 1 ? '' : 's'}:\n`);
  io.stderr(formatProblems(result.diagnostics));
  return { ok: false, exitCode: exitCodeFor(result.diagnostics) };
}
