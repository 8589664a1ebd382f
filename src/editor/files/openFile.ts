/**
 * Opening a blueprint from the user's disk. A file is read and fully validated before anything
 * changes. Two kinds of bad file: one that is not a blueprint (not JSON, another format, a newer
 * version, a shape the editor cannot draw) is refused with all its problems, and the editor
 * keeps what it had; a blueprint whose content has problems (an unfinished draft the user saved,
 * a missing edge) opens as a draft with its problems, exactly as the autosave does, so the app
 * always reopens what it saved.
 */
import { looksLikeBpmn } from '../../document/bpmn/sniff';
import type { Diagnostic } from '../../sim/diagnostics';
import type { BlueprintDocument } from '../../sim/document';
import {
  installPlainReader,
  parseBlueprint,
  PLAIN_READ_MIN_LENGTH,
  upgradeDocument,
} from '../../sim/parse';
import { fitsBlueprintShape, SchemaWordingMissingError } from '../../sim/schema-wording';
import { decodeBlueprintBytes } from '../../sim/text';
import { ensureSchemaWording } from './schemaWording';

export type OpenResult =
  /** `problems`: a draft, opened with the problems its content has. */
  | { ok: true; name: string; document: BlueprintDocument; problems?: Diagnostic[] }
  | { ok: false; name: string; diagnostics: Diagnostic[] }
  | { ok: false; name: string; readError: string }
  /**
   * The file needs the part that words a file that does not fit the format, and it could not
   * be fetched (the network went away before it arrived).
   */
  | { ok: false; name: string; wordingUnavailable: true };

/**
 * The document of a blueprint that did not validate, when it still has the shape of one (the
 * editor can draw it and save it back as it was): what the autosave would restore.
 */
function asDraft(text: string): BlueprintDocument | null {
  let document: unknown;
  try {
    document = upgradeDocument(JSON.parse(text));
  } catch {
    return null;
  }
  // Made here from the text, so the editor may keep it as it is.
  return fitsBlueprintShape(document) ? (document as BlueprintDocument) : null;
}

/** What a refusal of `text` becomes: a draft with its problems, or a refused file. */
function refusedOrDraft(name: string, text: string, diagnostics: Diagnostic[]): OpenResult {
  const draft = asDraft(text);
  return draft
    ? { ok: true, name, document: draft, problems: diagnostics }
    : { ok: false, name, diagnostics };
}

/**
 * Parses and validates blueprint text; `name` is what the user knows the text by. Throws
 * `SchemaWordingMissingError` (before anything else) for a text that does not fit the format
 * while the schemas' wording is not loaded yet: see `schemaWording.ts`.
 */
export function openBlueprintText(name: string, text: string): OpenResult {
  const parsed = parseBlueprint(text);
  return parsed.ok
    ? { ok: true, name, document: parsed.blueprint.document }
    : refusedOrDraft(name, text, parsed.diagnostics);
}

/** Parses and validates the text of a file, wherever that is done best. */
export type TextReader = (
  text: string,
) => Promise<{ ok: true; document: BlueprintDocument } | { ok: false; diagnostics: Diagnostic[] }>;

/**
 * Reads a file the user picked or dropped and validates it. Its bytes are decoded by the
 * engine's one decoder (UTF-8 with or without a byte order mark, UTF-16 with one), the same as
 * the command line's, so both open the same files and refuse the same ones.
 */
export async function openBlueprintFile(file: File, read?: TextReader): Promise<OpenResult> {
  // A file the user picked is worded exactly, however soon after the page opened it comes. If
  // the wording cannot be fetched (offline), a file that fits the format still opens.
  const [readable] = await Promise.all([
    readFileBytes(file),
    ensureSchemaWording().catch(() => undefined),
  ]);
  if (!readable.ok) return { ok: false, name: file.name, readError: readable.error };
  const { bytes } = readable;
  const decoded = decodeBlueprintBytes(bytes);
  if (!decoded.ok) return { ok: false, name: file.name, diagnostics: [decoded.diagnostic] };
  const text = decoded.text;
  if (!read && text.length >= PLAIN_READ_MIN_LENGTH) {
    // A large file read on the page: the quick reader of plain files is not part of the first
    // view. Without it (offline) the full parser reads the file, with the same result.
    const plain = await import('../../sim/read/plain').catch(() => null);
    if (plain) installPlainReader(plain.readPlainBlueprint);
  }
  try {
    if (!read) return openBlueprintText(file.name, text);
    const result = await read(text);
    return result.ok
      ? { ok: true, name: file.name, document: result.document }
      : refusedOrDraft(file.name, text, result.diagnostics);
  } catch (error) {
    if (!(error instanceof SchemaWordingMissingError)) throw error;
    return { ok: false, name: file.name, wordingUnavailable: true };
  }
}

/** The bytes of a file, or why the browser could not read them. */
export async function readFileBytes(
  file: Blob,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }> {
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The extensions and types the Open dialog offers: blueprints, and BPMN 2.0 files (SPEC §7).
 */
export const OPEN_ACCEPT = '.json,application/json,.bpmn,.bpmn2,.xml,application/xml,text/xml';

/**
 * Whether a picked or dropped file is BPMN rather than a blueprint: by its name (`.bpmn`,
 * `.xml`), else by its first characters (XML starts with `<`, a blueprint with `{`).
 */
export async function isBpmnFile(file: File): Promise<boolean> {
  if (looksLikeBpmn(file.name, '')) return true;
  try {
    return looksLikeBpmn(file.name, new Uint8Array(await file.slice(0, 64).arrayBuffer()));
  } catch {
    // Unreadable: the blueprint path reports the read error.
    return false;
  }
}

/** Whether a drag carries files (as opposed to text or a palette item). */
export function dragHasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}
