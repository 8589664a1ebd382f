/**
 * Installs the file format's zod schemas into the parser (see `schema-wording.ts`): importing
 * this module is all it takes. The command line, the bench, the workers and the tests import it
 * with their other modules; the app loads it with a dynamic `import()` after its first view.
 */
import { BlueprintDocumentSchema } from './document-schema';
import { installSchemaWording } from './schema-wording';

/** Installs the schemas' wording into the parser; importing this module has done it once. */
export function installZodSchemaWording(): void {
  installSchemaWording((document) => {
    const checked = BlueprintDocumentSchema.safeParse(document);
    return checked.success ? null : checked.error.issues;
  });
}

installZodSchemaWording();
