/** The example blueprints of `examples/`, parsed, for tests that run them. */
import { readFileSync } from 'node:fs';
import { parseBlueprint, type Blueprint } from '../src/sim/parse';

/** Parses `examples/<file>`; an example that no longer parses fails the test that loads it. */
export function loadExample(file: string): Blueprint {
  const parsed = parseBlueprint(readFileSync(`examples/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.diagnostics[0].message}`);
  return parsed.blueprint;
}
