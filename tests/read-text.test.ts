/**
 * Decoding a file's bytes into text: runs of ASCII are taken a chunk at a time, so the text
 * must come out exactly as a strict UTF-8 decoder gives it, whatever mix of ASCII and other
 * characters the file holds and wherever the chunks end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBlueprintBytes } from '../src/sim/text';

const encode = (text: string) => new TextEncoder().encode(text);

function decoded(bytes: Uint8Array): string {
  const result = decodeBlueprintBytes(bytes);
  if (!result.ok) throw new Error(`not text: ${result.diagnostic.message}`);
  return result.text;
}

describe('decodeBlueprintBytes', () => {
  it('decodes any text as a strict UTF-8 decoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decoded(encode(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps long ASCII runs whole across chunks, with other characters between them', () => {
    const run = 'a"b{c}1.5,'.repeat(2_000);
    const text = `${run}é${run.slice(3)}中${run}😀${run.slice(7)}`;
    expect(text.length).toBeGreaterThan(3 * 8192);
    expect(decoded(encode(text))).toBe(text);
    expect(decoded(encode(run))).toBe(run);
    // After a byte order mark too.
    expect(decoded(new Uint8Array([0xef, 0xbb, 0xbf, ...encode(run)]))).toBe(run);
  });

  it('still finds a bad byte after a long ASCII run, at its offset', () => {
    const bytes = new Uint8Array([...encode('x'.repeat(20_000)), 0xff, 0x41]);
    const result = decodeBlueprintBytes(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostic.message).toContain('20000');
  });
});
