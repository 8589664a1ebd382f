/** What the tests of the Library, autosave and start-up share: times, blueprints, waits. */
import type { LibraryResult } from '../../src/editor/library/database';
import { newBlueprint } from '../../src/editor/files/newBlueprint';
import type { BlueprintDocument } from '../../src/sim/document';

/** One minute, in ms. */
export const MINUTE = 60_000;

/** The moment the tests' libraries start from, ms since 1970. */
export const T0 = Date.UTC(2026, 10, 29, 9, 0);

/** A new blueprint titled `title`, from start to end with nothing between. */
export function blueprint(title: string): BlueprintDocument {
  return newBlueprint({ title, start: 'Arrives', end: 'Served' });
}

/** The value of a library answer; a refusal fails the test with its reason. */
export function value<T>(result: LibraryResult<T>): T {
  if (!result.ok) throw new Error(`The library refused: ${result.reason}`);
  return result.value;
}

/** Waits until `condition` holds, checking every 10 ms; fails after 5 s naming `what`. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
