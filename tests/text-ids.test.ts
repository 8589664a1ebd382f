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
            const added = table.add(start, end);
            expect(added).toBe(!map.has(id));
            if (added) map.set(id, map.size);
          });
          expect(table.size).toBe(map.size);
          ids.forEach((id, i) => {
            const [start, end] = at[i];
            expect(table.find(start, end, -1)).toBe(map.get(id));
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

  it('answers as a map for ids of a word and a number, however they are numbered', () => {
    // Words beyond the sixteen listed, numbers with leading zeros, past the listed span or too
    // long to list, and plain strings: each id goes to a word's list or to the hash table, and
    // the table answers the same either way.
    const word = fc.constantFrom(
      ...Array.from({ length: 20 }, (_, i) => `w${'x'.repeat(i % 3)}${i}-`),
      '',
      's',
    );
    const number = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.integer({ min: 0, max: 30 }).map((n) => `0${n}`),
      fc.integer({ min: 60_000, max: 70_000 }).map(String),
      fc.constantFrom('999999999', '1000000000', '12345678901'),
    );
    const id = fc.oneof(
      fc.tuple(word, number).map(([w, n]) => w + n),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const { text, at } = laidOut([...ids, ...ids]);
        const table = new TextIds(text, 16);
        const map = new Map<string, number>();
        ids.forEach((id, i) => {
          const [start, end] = at[i];
          expect(table.add(start, end)).toBe(!map.has(id));
          if (!map.has(id)) map.set(id, map.size);
        });
        // Found again from the second copy of each id, written elsewhere in the text.
        ids.forEach((id, i) => {
          const [start, end] = at[ids.length + i];
          expect(table.find(start, end, -1)).toBe(map.get(id));
          expect(table.add(start, end)).toBe(false);
        });
        expect(table.find(text.length, text.length, -2)).toBe(map.get('') ?? -2);
      }),
      { numRuns: 300 },
    );
  });

  it('lists numbered ids of many words apart, one number apart', () => {
    const ids: string[] = [];
    for (let n = 0; n < 500; n++) for (const w of ['s', 'e', 'd', 'Task_']) ids.push(`${w}${n}`);
    const { text, at } = laidOut([...ids, 's500', 'e', 's00', 'x1']);
    const table = new TextIds(text, 1);
    ids.forEach((_, i) => expect(table.add(...at[i])).toBe(true));
    ids.forEach((_, i) => expect(table.find(...at[i], -1)).toBe(i));
    for (let i = ids.length; i < ids.length + 4; i++) expect(table.find(...at[i], -1)).toBe(-1);
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
    expect(table.find(missingStart, missingEnd, -7)).toBe(-7);
    ids.forEach((_, i) => {
      const [start, end] = at[i];
      expect(table.add(start, end)).toBe(true);
    });
    ids.forEach((_, i) => {
      const [start, end] = at[i];
      expect(table.find(start, end, -1)).toBe(i);
    });
    expect(table.find(missingStart, missingEnd, -7)).toBe(-7);
  });

  it('hashes by the characters, wherever they stand', () => {
    const text = 'step-1|step-1|step-2';
    expect(hashRange(text, 0, 6)).toBe(hashRange(text, 7, 13));
    expect(hashRange(text, 0, 6)).not.toBe(hashRange(text, 14, 20));
    expect(hashRange(text, 3, 3)).toBe(hashRange('', 0, 0));
  });
});
