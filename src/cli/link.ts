/**
 * `failpoint link FILE [--base URL] [--scenario ID] [--teach] [--json]`: prints the link that
 * holds the blueprint (SPEC §10), made by the same codec the app uses. Without `--base` the link
 * is its fragment alone (`#bp=…`): Failpoint has no address of its own to assume, and the app
 * opens a fragment pasted after wherever it is served.
 */
import {
  blueprintLink,
  LINK_LENGTH_LIMIT,
  linkRefusalName,
  linkRefusalSentence,
} from '../document/link';
import { parseCommandArgs } from './args';
import { writeJsonDocument, shown } from './escape';
import { during, EXIT, type CliIO } from './io';
import { loadBlueprint } from './load';

/** `failpoint link FILE [--base URL] [--scenario ID] [--teach] [--json]`. */
export async function runLink(argv: string[], io: CliIO): Promise<number> {
  const language = io.language ?? 'en';
  const { file, values } = parseCommandArgs('link', argv, {
    base: { type: 'string' },
    scenario: { type: 'string' },
    teach: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const loaded = await loadBlueprint(file, io);
  if (!loaded.ok) return loaded.exitCode;
  const { blueprint } = loaded;
  const scenario = values.scenario;
  if (
    scenario !== undefined &&
    scenario !== 'baseline' &&
    !blueprint.scenarios.some((s) => s.id === scenario)
  ) {
    const refusal = {
      ok: false as const,
      code: 'LK007' as const,
      params: { scenario, known: blueprint.scenarios.map((s) => s.id) },
    };
    // Named like the other commands' --scenario: an argument that does not fit the file.
    io.stderr(`failpoint: ${shown(linkRefusalSentence(refusal, language))}\n`);
    return EXIT.usage;
  }
  const made = during('command', file, () =>
    blueprintLink(blueprint.document, {
      base: values.base,
      scenario,
      teach: values.teach ?? false,
    }),
  );
  if (values.json) {
    writeJsonDocument(io.stdout, {
      link: made.link,
      length: made.length,
      limit: LINK_LENGTH_LIMIT,
      tooLong: made.tooLong,
      ...(made.refusal
        ? {
            problem: {
              code: made.refusal.code,
              name: linkRefusalName(made.refusal.code),
              message: linkRefusalSentence(made.refusal, language),
            },
          }
        : {}),
    });
  } else if (!made.refusal) {
    io.stdout(`${made.link}\n`);
  }
  if (made.refusal) {
    io.stderr(`failpoint: ${linkRefusalSentence(made.refusal, language)}\n`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}
