/** The example blueprints of `examples/`, parsed, for tests that run them. */
import { readFileSync } from 'node:fs';
import type { BlueprintDocument } from '../src/sim/document';
import { parseBlueprint, type Blueprint } from '../src/sim/parse';

/** Parses `examples/<file>`; an example that no longer parses fails the test that loads it. */
export function loadExample(file: string): Blueprint {
  const parsed = parseBlueprint(readFileSync(`examples/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.diagnostics[0].message}`);
  return parsed.blueprint;
}

/**
 * The courier with a misspelt field on step s3 (`relability`), titled `title`: a shape problem
 * only the schemas' wording (zod's issues) describes.
 */
export function brokenCourier(title?: string): BlueprintDocument {
  const courier = JSON.parse(
    readFileSync('examples/courier.blueprint.json', 'utf8'),
  ) as BlueprintDocument;
  const nodes = courier.nodes.map((node) => {
    if (node.id !== 's3' || node.type !== 'step') return node;
    const { reliability, ...rest } = node;
    return { ...rest, relability: reliability };
  });
  return {
    ...courier,
    ...(title === undefined ? {} : { title }),
    nodes,
  } as unknown as BlueprintDocument;
}
