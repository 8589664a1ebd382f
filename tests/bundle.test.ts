/**
 * The bundled command line: the Monte Carlo worker thread loads the engine's kernel, not the
 * expression parser (mathjs takes seconds of CPU to set up, paid again by every worker).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);

/** Every module a bundled file imports, followed through the bundle's own chunks. */
function importsOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(new URL(file, dist), 'utf8');
    for (const match of text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*"([^"]+)"|import\("([^"]+)"\)/g,
    )) {
      const spec = match[1] ?? match[2];
      if (spec.startsWith('./')) queue.push(spec.slice(2));
      else external.add(spec);
    }
  }
  return external;
}

describe('the bundled worker thread', () => {
  it('does not load the expression parser', () => {
    const threadImports = importsOf('simulation-thread.mjs');
    expect(threadImports).toContain('node:worker_threads');
    expect([...threadImports].filter((spec) => spec.startsWith('mathjs'))).toEqual([]);
    // The command line itself does read expressions.
    expect([...importsOf('cli.mjs')].some((spec) => spec.startsWith('mathjs'))).toBe(true);
  });
});
