/**
 * The app's side of `sim/schema-wording.ts`: the file format's zod schemas, which word the
 * problems of a blueprint that does not fit the format, are not part of the first view. They
 * are fetched just after it ({@link ensureSchemaWording} from `main.tsx`), and every way of
 * opening a user's file waits for them before it parses ({@link ensureSchemaWording}), or tries
 * first and loads them only if the file needs them ({@link withSchemaWording}), so that a broken
 * file always gets the same sentences, however early it is opened.
 *
 * When the part cannot be fetched (the network went away before it arrived), nothing that
 * needs it is opened, and nothing is dropped: a file or link is refused with a sentence
 * (`openFile.ts`, `links/linkSession.ts`), the Library refuses to open or restore such a
 * blueprint and changes nothing (`library/store.ts`), and at start-up the last blueprint stays in
 * the Library and unsaved changes stay in localStorage for a later visit (`fileActions.ts`,
 * `autosave.ts`), each said in the status bar or the dialog.
 */
import { SchemaWordingMissingError, schemaWordingInstalled } from '../../sim/schema-wording';
import { fitsBlueprintSchema } from '../../sim/validate-shape';

/**
 * Loads and installs the schemas' wording; resolves at once when it is installed. The module
 * system fetches the part once; a failed fetch (the network went away) is tried again by the
 * next call.
 */
export async function ensureSchemaWording(): Promise<void> {
  if (schemaWordingInstalled()) return;
  let wording: typeof import('../../sim/schema-wording-zod');
  try {
    wording = await import('../../sim/schema-wording-zod');
  } catch (error) {
    throw new SchemaWordingUnavailableError(error);
  }
  wording.installZodSchemaWording();
}

/**
 * The schemas' wording could not be fetched (the network went away before it arrived): a
 * document that does not fit the format cannot be described now.
 */
export class SchemaWordingUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      'The part of Failpoint that words a file that does not fit the format could not be loaded.',
      {
        cause,
      },
    );
    this.name = 'SchemaWordingUnavailableError';
  }
}

/**
 * Waits for the schemas' wording when a document about to be opened from the library does not
 * fit the format at a glance, so that the engine on the page can word its problems; resolves
 * at once for any other.
 */
export async function wordingReadyFor(document: unknown): Promise<void> {
  if (!fitsBlueprintSchema(document)) await ensureSchemaWording();
}

/**
 * Runs `run` (synchronous, and free of lasting effects until it has parsed), and if it needed
 * the schemas' wording before it was loaded, loads it and runs `run` again. A file that fits
 * the format is thus opened at once, without waiting for zod.
 *
 * @example
 * const opened = await withSchemaWording(() => openBlueprintText(name, text));
 */
export async function withSchemaWording<T>(run: () => T): Promise<T> {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof SchemaWordingMissingError)) throw error;
  }
  await ensureSchemaWording();
  return run();
}
