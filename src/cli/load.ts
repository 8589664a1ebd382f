/** Reading a blueprint file for a command: every failure becomes a sentence and an exit code. */
import { diagnosticName, diagnosticSentence, type Diagnostic } from '../sim/diagnostics';
import { systemReliability } from '../sim/exact';
import type { Model } from '../sim/model';
import { parseBlueprint, problemCount, type Blueprint } from '../sim/parse';
import { decodeBlueprintBytes } from '../sim/text';
import { looksLikeBpmn } from '../document/bpmn/sniff';
import { shown } from './escape';
import { during, EXIT, type CliIO } from './io';
import type { CliLanguage } from './language';
import { cliMessages } from './messages';

export type Loaded = { ok: true; blueprint: Blueprint } | { ok: false; exitCode: number };

/** The sentence for a file that cannot be read (no such file, a folder, no permission…). */
export function readFailure(path: string, error: unknown, language: CliLanguage): string {
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

/** A file's text, or the exit code after printing why there is none. */
export type ReadSource = { ok: true; text: string } | { ok: false; exitCode: number };

/**
 * Reads a blueprint file as text, or prints why it cannot be read. Bytes are decoded by the
 * engine's one decoder, so a file the app opens reads the same here; bytes that are not text are
 * a problem (BP001) printed like any other (exit 2). A BPMN file (`.bpmn`, `.xml`, or text
 * starting with `<`) is imported first: its report goes to standard error, and its blueprint is
 * the text returned; a refused import exits 1, a file that is not BPMN at all 2.
 */
export async function readText(path: string, io: CliIO): Promise<ReadSource> {
  const language = io.language ?? 'en';
  let content: string | Uint8Array;
  try {
    content = await io.readFile(path);
  } catch (error) {
    io.stderr(`failpoint: ${readFailure(path, error, language)}\n`);
    return { ok: false, exitCode: EXIT.usage };
  }
  if (looksLikeBpmn(path, content)) {
    // Loaded only for BPMN files: the BPMN reader is not part of a blueprint command's start-up.
    const { importForCommand } = await import('./bpmn');
    return importForCommand(path, content, io);
  }
  if (typeof content === 'string') return { ok: true, text: content };
  const decoded = decodeBlueprintBytes(content);
  if (decoded.ok) return { ok: true, text: decoded.text };
  io.stderr(`failpoint: ${cliMessages(language).problems(path, 1)}\n`);
  io.stderr(formatProblems([decoded.diagnostic], language));
  return { ok: false, exitCode: EXIT.usage };
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
 * Reads and validates a blueprint (or a BPMN file, imported first). Problems are printed to
 * stderr; a file that cannot be read or is not JSON (or not BPMN) exits with 2, a blueprint with
 * problems (or a refused BPMN import) with 1.
 */
export async function loadBlueprint(path: string, io: CliIO): Promise<Loaded> {
  const source = await readText(path, io);
  if (!source.ok) return source;
  const result = during('validation', path, () => parseBlueprint(source.text));
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
