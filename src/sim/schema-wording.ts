/**
 * Where the parser gets the wording of a document that does not fit the file format.
 *
 * A well-formed blueprint is accepted by the hand-written check of `validate-shape.ts`. Only a
 * document that check does not accept needs zod, whose issues the parser turns into the shape
 * problems (BP0xx) a designer reads. zod and the schemas are a large part of the app's code, so
 * they are a part of their own: `schema-wording-zod.ts` installs them here when it is imported.
 * The command line, the bench, the workers and the tests import it with everything else; the
 * app imports it just after its first view is on screen, and any way of opening a user's file
 * waits for it first (`editor/files/schemaWording.ts`).
 *
 * Until it is installed, asking about a document the quick check does not accept throws
 * {@link SchemaWordingMissingError}: a caller that opens a file too early fails loudly (or loads
 * the wording and asks again) instead of showing a problem worded otherwise than it would be.
 */
import type * as z from 'zod';
import { fitsBlueprintSchema } from './validate-shape';

/**
 * Checks a whole document against the file format: `null` when it fits, else zod's issues,
 * which the parser words.
 */
export type SchemaCheck = (document: unknown) => readonly z.core.$ZodIssue[] | null;

let installed: SchemaCheck | null = null;

/** Thrown when a document needs the schemas' wording before it has been installed. */
export class SchemaWordingMissingError extends Error {
  constructor() {
    super(
      'This blueprint does not have the shape of one, and the part of Failpoint that describes ' +
        'such problems has not been loaded yet.',
    );
    this.name = 'SchemaWordingMissingError';
  }
}

/**
 * Installs the check the parser uses on documents the quick check does not accept; `null` takes
 * it out again (the app never does; tests do, to open files as the app does before it arrives).
 */
export function installSchemaWording(check: SchemaCheck | null): void {
  installed = check;
}

/** Whether the schemas' wording is installed. */
export function schemaWordingInstalled(): boolean {
  return installed !== null;
}

/**
 * zod's issues with a document the quick check did not accept, or `null` when the schema
 * accepts it all the same.
 *
 * @throws {SchemaWordingMissingError} when the wording is not installed yet
 */
export function schemaIssues(document: unknown): readonly z.core.$ZodIssue[] | null {
  if (installed === null) throw new SchemaWordingMissingError();
  return installed(document);
}

/**
 * Whether a document has the shape of a blueprint of the current version (what the editor can
 * draw and save back as it is), whatever its content's problems. The quick check answers for a
 * well-formed document; the schema for any other.
 *
 * @throws {SchemaWordingMissingError} when the quick check cannot tell and the wording is not
 * installed yet
 */
export function fitsBlueprintShape(document: unknown): boolean {
  return fitsBlueprintSchema(document) || schemaIssues(document) === null;
}
