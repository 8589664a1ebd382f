/**
 * Autosave: the blueprint being edited is kept in the browser's storage and reopened on the
 * next visit. What is kept is the document exactly as edited, valid or not, as long as it has
 * the shape of a blueprint file: an unfinished blueprint comes back unfinished.
 */
import { BlueprintDocumentSchema, type BlueprintDocument } from '../../sim/document';

export const AUTOSAVE_KEY = 'failpoint.autosave';

/** The autosaved document, or `null` when there is none or it no longer reads as a blueprint. */
export function restoreAutosave(storage: Storage | undefined = globalThis.localStorage): {
  document: BlueprintDocument | null;
  corrupt: boolean;
} {
  let text: string | null;
  try {
    text = storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return { document: null, corrupt: false };
  }
  if (text === null) return { document: null, corrupt: false };
  try {
    const checked = BlueprintDocumentSchema.safeParse(JSON.parse(text));
    return checked.success
      ? { document: checked.data, corrupt: false }
      : { document: null, corrupt: true };
  } catch {
    return { document: null, corrupt: true };
  }
}

/** Writes the document; returns the reason when the browser refuses (quota, disabled). */
export function writeAutosave(
  document: BlueprintDocument,
  storage: Storage | undefined = globalThis.localStorage,
): string | null {
  try {
    storage?.setItem(AUTOSAVE_KEY, JSON.stringify(document));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
