/**
 * The plain reader's id table: ids found by where they stand in the text answer as a map of
 * strings would, however many there are and whatever they share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashRange, TextIds } from '../src/sim/read/text-ids';

/** The ids laid out one after the other in one text, with where each stands. */
function laidOut(ids: readonly string[]) {
  let text = '';
  const at: [number, number][] = [];
  for (const id of ids) {
    at.push([text.length, text.length + id.length]);
    text += `${id}|`;
  }
  return { text, at };
}

describe('the id table of the plain reader', () => {
  it('adds and finds ids as a map of strings does, through many doublings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }),
        fc.integer({ min: 0, max: 64 }),
        (ids, expected) => {
          const { text, at } = laidOut(ids);
          const table = new TextIds(text, expected);
          // Each id's entry: its number among the distinct ids, in the order first added.
          const map = new Map<string, number>();
          ids.forEach((id, i) => {
            const [start, end] = at[i];
            const added = table.add(start, end, hashRange(text, start, end));
            expect(added).toBe(!map.has(id));
            if (added) map.set(id, map.size);
          });
          expect(table.size).toBe(map.size);
          ids.forEach((id, i) => {
            const [start, end] = at[i];
            expect(table.find(start, end, hashRange(text, start, end), -1)).toBe(map.get(id));
          });
          // Where each entry's id stands: the first place it was added from.
          const { starts, lengths } = table.ranges();
          expect(starts.length).toBe(map.size);
          for (const [id, entry] of map) {
            expect(text.slice(starts[entry], starts[entry] + lengths[entry])).toBe(id);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tells apart ids of one length and one hash bucket, and finds none in an empty table', () => {
    // Anagrams share their length and often their first slots; 2,000 of them grow the table
    // from its least size several times.
    const ids = Array.from(
      { length: 2_000 },
      (_, i) => `n${String(i).split('').reverse().join('')}x`,
    );
    const { text, at } = laidOut([...ids, 'missing']);
    const table = new TextIds(text, 1);
    const [missingStart, missingEnd] = at[ids.length];
    const missingHash = hashRange(text, missingStart, missingEnd);
    expect(table.find(missingStart, missingEnd, missingHash, -7)).toBe(-7);
    ids.forEach((_, i) => {
      const [start, end] = at[i];
      expect(table.add(start, end, hashRange(text, start, end))).toBe(true);
    });
    ids.forEach((_, i) => {
      const [start, end] = at[i];
      expect(table.find(start, end, hashRange(text, start, end), -1)).toBe(i);
    });
    expect(table.find(missingStart, missingEnd, missingHash, -7)).toBe(-7);
  });

  it('hashes by the characters, wherever they stand', () => {
    const text = 'step-1|step-1|step-2';
    expect(hashRange(text, 0, 6)).toBe(hashRange(text, 7, 13));
    expect(hashRange(text, 0, 6)).not.toBe(hashRange(text, 14, 20));
    expect(hashRange(text, 3, 3)).toBe(hashRange('', 0, 0));
  });
});
