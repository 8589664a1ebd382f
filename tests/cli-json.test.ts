/**
 * `--json` documents written in pieces: the same text as `JSON.stringify(value, null, 2)` with a
 * final newline, never held whole, so a million-node blueprint's analysis is written however long
 * it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDocument, jsonPieces, writeJsonDocument } from '../src/cli/escape';

const indented = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('a JSON document in pieces', () => {
  it('is JSON.stringify’s indented text, whichever lists are opened', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, wholeBelow) => {
        expect([...jsonPieces(value, wholeBelow)].join('')).toBe(indented(value));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out what JSON leaves out and uses toJSON as JSON does', () => {
    const value = {
      kept: 1,
      gone: undefined,
      call: () => 1,
      list: [undefined, () => 1, 2, { deep: [1, { deeper: 'x' }] }],
      when: new Date(Date.UTC(2026, 10, 30)),
      custom: { toJSON: (key: string) => `as ${key}` },
      empty: { list: [], object: {} },
    };
    for (const wholeBelow of [0, 1, 2, 256]) {
      expect([...jsonPieces(value, wholeBelow)].join('')).toBe(indented(value));
    }
  });

  it('escapes what a terminal acts on in every piece, and batches the writes', () => {
    const names = Array.from({ length: 1_000 }, (_, i) => `step\u202e${i}\u0085`);
    const value = { steps: names.map((id) => ({ id, share: 0.001 })) };
    const written: string[] = [];
    writeJsonDocument((text) => written.push(text), value);
    const text = written.join('');
    expect(text).toBe(jsonDocument(value));
    expect(text).not.toMatch(/[\u0085\u202e]/u);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('writes a document longer than JavaScript’s longest string in pieces of a few megabytes', () => {
    // A list whose text would take some 600 million characters: more than one string can hold.
    const row = { id: 'x'.repeat(600), value: 1 };
    const value = { rows: new Array<typeof row>(1_000_000).fill(row) };
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    let total = 0;
    let largest = 0;
    let pieces = 0;
    writeJsonDocument((text) => {
      total += text.length;
      largest = Math.max(largest, text.length);
      pieces++;
    }, value);
    expect(total).toBeGreaterThan(600_000_000);
    expect(largest).toBeLessThan(4 << 20);
    expect(pieces).toBeGreaterThan(600_000_000 / (4 << 20));
  }, 120_000);
});
