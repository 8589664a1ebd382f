/** Reading a blueprint file for a command: every failure becomes a sentence and an exit code. */
import { diagnosticName, diagnosticSentence, type Diagnostic } from '../sim/diagnostics';
import { systemReliability } from '../sim/exact';
import type { Model } from '../sim/model';
import { parseBlueprint, problemCount, type Blueprint } from '../sim/parse';
import { decodeBlueprintBytes } from '../sim/text';
import { shown } from './escape';
import { during, EXIT, type CliIO } from './io';
import type { CliLanguage } from './language';
import { cliMessages } from './messages';

export type Loaded = { ok: true; blueprint: Blueprint } | { ok: false; exitCode: number };

function readFailure(path: string, error: unknown, language: CliLanguage): string {
  const code = (error as { code?: string } | null)?.code;
  const say = cliMessages(language);
  switch (code) {
    case 'ENOENT':
      return say.noSuchFile(path);
    case 'EISDIR':
      return say.isFolder(path);
    case 'EACCES':
    case 'EPERM':
      return say.permissionDenied(path);
    default:
      return say.cannotRead(path, error instanceof Error ? error.message : String(error), code);
  }
}

/**
 * Reads a file as text, or prints why it cannot be read and returns null. Bytes are decoded by
 * the engine's one decoder, so a file the app opens reads the same here; bytes that are not
 * text are a problem (BP001) printed like any other.
 */
export async function readText(path: string, io: CliIO): Promise<string | null> {
  const language = io.language ?? 'en';
  let content: string | Uint8Array;
  try {
    content = await io.readFile(path);
  } catch (error) {
    io.stderr(`failpoint: ${readFailure(path, error, language)}\n`);
    return null;
  }
  if (typeof content === 'string') return content;
  const decoded = decodeBlueprintBytes(content);
  if (decoded.ok) return decoded.text;
  io.stderr(`failpoint: ${cliMessages(language).problems(path, 1)}\n`);
  io.stderr(formatProblems([decoded.diagnostic], language));
  return null;
}

/** The exit code for a list of problems: 2 when the file is not even JSON, otherwise 1. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.code === 'BP001') ? EXIT.usage : EXIT.invalid;
}

/** One line per problem: `BP012 probabilities-do-not-sum-to-one  The probabilities …`. */
export function formatProblems(
  diagnostics: readonly Diagnostic[],
  language: CliLanguage = 'en',
): string {
  return diagnostics
    .map((d) => `  ${diagnosticName(d.code)}  ${shown(diagnosticSentence(d, language))}\n`)
    .join('');
}

/** A problem for `--json`: its sentence in the chosen language, its code and parameters. */
export function problemForJson(d: Diagnostic, language: CliLanguage): Diagnostic {
  return { ...d, message: diagnosticSentence(d, language) };
}

/**
 * Reads and validates a blueprint. Problems are printed to stderr; a file that cannot be read
 * or is not JSON exits with 2, a blueprint with problems with 1.
 */
export async function loadBlueprint(path: string, io: CliIO): Promise<Loaded> {
  const text = await readText(path, io);
  if (text === null) return { ok: false, exitCode: EXIT.usage };
  const result = during('validation', path, () => parseBlueprint(text));
  if (result.ok) return { ok: true, blueprint: result.blueprint };
  const language = io.language ?? 'en';
  io.stderr(
    `failpoint: ${cliMessages(language).problems(path, problemCount(result.diagnostics))}\n`,
  );
  io.stderr(formatProblems(result.diagnostics, language));
  return { ok: false, exitCode: exitCodeFor(result.diagnostics) };
}

/**
 * The exact R of a model, to print beside a simulated or traced share; null when the exact
 * analysis cannot give it (the sampled figures are still worth printing).
 */
export function exactReliability(model: Model): number | null {
  try {
    return systemReliability(model);
  } catch {
    return null;
  }
}
