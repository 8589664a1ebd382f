/**
 * The app's side of `sim/schema-wording.ts`: the file format's zod schemas, which word the
 * problems of a blueprint that does not fit the format, are not part of the first view. They
 * are fetched just after it ({@link ensureSchemaWording} from `main.tsx`), and every way of
 * opening a user's file waits for them before it parses ({@link ensureSchemaWording}), or tries
 * first and loads them only if the file needs them ({@link withSchemaWording}), so that a broken
 * file always gets the same sentences, however early it is opened.
 */
import { SchemaWordingMissingError, schemaWordingInstalled } from '../../sim/schema-wording';

let loading: Promise<void> | null = null;

/**
 * Loads and installs the schemas' wording, once; resolves at once when it is installed. A
 * failed fetch (the network went away) is tried again by the next call.
 */
export function ensureSchemaWording(): Promise<void> {
  if (schemaWordingInstalled()) return Promise.resolve();
  loading ??= import('../../sim/schema-wording-zod').then(
    () => undefined,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
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
