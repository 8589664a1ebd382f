/**
 * Opening a blueprint from the user's disk. A file is read and fully validated before anything
 * changes; a file with problems is refused with all of them, and the editor keeps what it had.
 */
import type { Diagnostic } from '../../sim/diagnostics';
import type { BlueprintDocument } from '../../sim/document';
import { parseBlueprint } from '../../sim/parse';
import { decodeBlueprintBytes } from '../../sim/text';

export type OpenResult =
  | { ok: true; name: string; document: BlueprintDocument }
  | { ok: false; name: string; diagnostics: Diagnostic[] }
  | { ok: false; name: string; readError: string };

/** Parses and validates blueprint text; `name` is what the user knows the text by. */
export function openBlueprintText(name: string, text: string): OpenResult {
  const parsed = parseBlueprint(text);
  return parsed.ok
    ? { ok: true, name, document: parsed.blueprint.document }
    : { ok: false, name, diagnostics: parsed.diagnostics };
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
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return {
      ok: false,
      name: file.name,
      readError: error instanceof Error ? error.message : String(error),
    };
  }
  const decoded = decodeBlueprintBytes(bytes);
  if (!decoded.ok) return { ok: false, name: file.name, diagnostics: [decoded.diagnostic] };
  const text = decoded.text;
  if (!read) return openBlueprintText(file.name, text);
  const result = await read(text);
  return result.ok
    ? { ok: true, name: file.name, document: result.document }
    : { ok: false, name: file.name, diagnostics: result.diagnostics };
}

/** Whether a drag carries files (as opposed to text or a palette item). */
export function dragHasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}
