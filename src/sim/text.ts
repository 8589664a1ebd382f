/**
 * Blueprint files as text: the bytes of a file decoded the one way the app and the command line
 * share, and a scan of JSON text for what `JSON.parse` silently drops (a key given twice in one
 * object, of which it keeps the last).
 *
 * Both run in time linear in the size of the file and never throw.
 */
import { diagnostic, type Diagnostic } from './diagnostics';

/** The encodings a blueprint file may be saved in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The outcome of {@link decodeBlueprintBytes}: the text, or the problem (BP001) saying why not. */
export type DecodedText =
  { ok: true; text: string; encoding: TextEncoding } | { ok: false; diagnostic: Diagnostic };

/** Code units turned into a string per call: large enough to be fast, small enough for any engine. */
const CHUNK = 8192;

/** Collects UTF-16 code units and joins them into a string in chunks. */
class TextBuilder {
  private readonly parts: string[] = [];
  private readonly units: number[] = [];

  push(unit: number): void {
    this.units.push(unit);
    if (this.units.length >= CHUNK) this.flush();
  }

  /**
   * Adds the bytes `from` to `to` (exclusive) of `bytes`, all below 0x80 (so each is its own
   * code unit), a chunk per call rather than a unit per call: nearly every blueprint file is
   * mostly ASCII, and a million-node file is a quarter of a billion bytes.
   */
  pushAscii(bytes: Uint8Array, from: number, to: number): void {
    this.flush();
    for (let at = from; at < to; at += CHUNK) {
      const chunk = bytes.subarray(at, Math.min(at + CHUNK, to));
      // A typed array is array-like: apply takes it as the list of code units.
      this.parts.push(String.fromCharCode.apply(null, chunk as unknown as number[]));
    }
  }

  text(): string {
    this.flush();
    return this.parts.join('');
  }

  private flush(): void {
    if (this.units.length === 0) return;
    this.parts.push(String.fromCharCode(...this.units));
    this.units.length = 0;
  }
}

/** Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF); `at` is the first bad byte. */
function decodeUtf8(bytes: Uint8Array, start: number): { text: string } | { at: number } {
  const out = new TextBuilder();
  let i = start;
  while (i < bytes.length) {
    const first = bytes[i];
    if (first < 0x80) {
      let end = i + 1;
      while (end < bytes.length && bytes[end] < 0x80) end++;
      out.pushAscii(bytes, i, end);
      i = end;
      continue;
    }
    let length: number;
    let code: number;
    let min: number;
    if (first >= 0xc2 && first <= 0xdf) {
      length = 2;
      code = first & 0x1f;
      min = 0x80;
    } else if (first >= 0xe0 && first <= 0xef) {
      length = 3;
      code = first & 0x0f;
      min = 0x800;
    } else if (first >= 0xf0 && first <= 0xf4) {
      length = 4;
      code = first & 0x07;
      min = 0x10000;
    } else {
      return { at: i };
    }
    if (i + length > bytes.length) return { at: i };
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return { at: i };
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return { at: i };
    if (code >= 0x10000) {
      const above = code - 0x10000;
      out.push(0xd800 + (above >> 10));
      out.push(0xdc00 + (above & 0x3ff));
    } else {
      out.push(code);
    }
    i += length;
  }
  return { text: out.text() };
}

/** UTF-16 after its byte order mark; surrogates must come in pairs. */
function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): { text: string } | { at: number } {
  if (bytes.length % 2 !== 0) return { at: bytes.length - 1 };
  const out = new TextBuilder();
  const unitAt = (i: number) =>
    littleEndian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
  for (let i = 2; i < bytes.length; i += 2) {
    const unit = unitAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) return { at: i };
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (i + 3 >= bytes.length) return { at: i };
      const low = unitAt(i + 2);
      if (low < 0xdc00 || low > 0xdfff) return { at: i };
      out.push(unit);
      out.push(low);
      i += 2;
      continue;
    }
    out.push(unit);
  }
  return { text: out.text() };
}

/**
 * The text of a blueprint file from its bytes: UTF-8 with or without a byte order mark, or
 * UTF-16 (little or big endian) with one. Bytes that are not valid text in that encoding are
 * refused with a problem (BP001) giving their offset, rather than replaced by `�`, so a damaged
 * file is never read as something else.
 *
 * @example
 * const decoded = decodeBlueprintBytes(await file.arrayBuffer().then((b) => new Uint8Array(b)));
 * if (decoded.ok) parseBlueprint(decoded.text);
 */
export function decodeBlueprintBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && (bytes[0] === 0xff || bytes[0] === 0xfe)) {
    const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
    const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
    if (littleEndian || bigEndian) {
      const decoded = decodeUtf16(bytes, littleEndian);
      if ('at' in decoded) {
        return {
          ok: false,
          diagnostic: diagnostic('not-text', { encoding: 'utf-16', offset: decoded.at }),
        };
      }
      return { ok: true, text: decoded.text, encoding: littleEndian ? 'utf-16le' : 'utf-16be' };
    }
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const decoded = decodeUtf8(bytes, bom ? 3 : 0);
  if ('at' in decoded) {
    return {
      ok: false,
      diagnostic: diagnostic('not-text', { encoding: 'utf-8', offset: decoded.at }),
    };
  }
  return { ok: true, text: decoded.text, encoding: 'utf-8' };
}

/** A line and column in a text, both from 1; columns count UTF-16 code units. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A key given twice in one JSON object. */
export interface DuplicateKey {
  /** Where the object is: keys and list indexes from the root (empty for the root object). */
  path: (string | number)[];
  key: string;
  /** Where the key is first written. */
  first: TextPosition;
  /** Where it is written again (the value `JSON.parse` keeps is the last one). */
  again: TextPosition;
}

/** The keys found in duplicate, up to a limit, and how many more there are. */
export interface DuplicateKeys {
  found: DuplicateKey[];
  more: number;
}

/** Keys of one object compared one by one before a table is made for them. */
const SHORT_OBJECT_KEYS = 16;

/**
 * Finds keys written twice in one object of a JSON text. Call it only on text that
 * `JSON.parse` accepted: it trusts the syntax and only follows objects, lists and strings. One
 * pass, no recursion, so any nesting depth and any size is read in linear time; at most `limit`
 * duplicates are described, the rest only counted.
 *
 * The open objects and lists are kept in arrays indexed by depth, reused from one value to the
 * next, and the keys of the open objects in one shared list: a file of a million nodes makes no
 * object per node. Lines and columns are worked out only for the duplicates found.
 *
 * @example
 * findDuplicateKeys('{"a": 1, "a": 2}').found[0] // → { path: [], key: 'a', first: …, again: … }
 */
export function findDuplicateKeys(text: string, limit = 100): DuplicateKeys {
  const found: DuplicateKey[] = [];
  let more = 0;
  // Per depth: an object (or a list), the key being read or the list's item number, whether a
  // key comes next, where the object's keys start in `keys`, and its table once it is long.
  const isObject: boolean[] = [];
  const keyAt: (string | null)[] = [];
  const itemAt: number[] = [];
  const expectKey: boolean[] = [];
  const keyBase: number[] = [];
  const table: (Map<string, number> | null)[] = [];
  let depth = 0;
  // Keys of the open objects, innermost last, with the offset where each is written.
  const keys: string[] = [];
  const offsets: number[] = [];
  let lines: number[] | null = null;
  const position = (offset: number): TextPosition => {
    lines ??= newlineOffsets(text);
    return textPosition(lines, offset);
  };
  const pathHere = (): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let d = 0; d < depth - 1; d++) path.push(isObject[d] ? (keyAt[d] ?? '') : itemAt[d]);
    return path;
  };
  // Where the next backslash after the string being read is (the text's length for none).
  let nextBackslash = -1;
  let i = 0;
  while (i < text.length) {
    const char = text.charCodeAt(i);
    const top = depth - 1;
    switch (char) {
      case 0x7b: // {
      case 0x5b: // [
        isObject[depth] = char === 0x7b;
        keyAt[depth] = null;
        itemAt[depth] = 0;
        expectKey[depth] = true;
        keyBase[depth] = keys.length;
        table[depth] = null;
        depth++;
        i++;
        continue;
      case 0x7d: // }
      case 0x5d: // ]
        if (depth > 0) {
          depth--;
          keys.length = keyBase[depth];
          offsets.length = keyBase[depth];
          table[depth] = null;
        }
        i++;
        continue;
      case 0x2c: // ,
        if (top >= 0) {
          if (isObject[top]) expectKey[top] = true;
          else itemAt[top]++;
        }
        i++;
        continue;
      case 0x3a: // :
        if (top >= 0 && isObject[top]) expectKey[top] = false;
        i++;
        continue;
      case 0x22: {
        // A string: find its closing quote, stepping over escapes. Most strings have no
        // backslash before their closing quote; the engine's own search finds that quote.
        const start = i;
        if (nextBackslash <= start) {
          nextBackslash = text.indexOf('\\', start + 1);
          if (nextBackslash < 0) nextBackslash = text.length;
        }
        const close = text.indexOf('"', start + 1);
        let escaped = false;
        if (close >= 0 && close < nextBackslash) {
          i = close;
        } else {
          i++;
          while (i < text.length) {
            const c = text.charCodeAt(i);
            if (c === 0x5c) {
              escaped = true;
              i += 2;
              continue;
            }
            if (c === 0x22) break;
            i++;
          }
        }
        i++;
        if (top < 0 || !isObject[top] || !expectKey[top]) continue;
        const key = escaped
          ? (JSON.parse(text.slice(start, i)) as string)
          : text.slice(start + 1, i - 1);
        keyAt[top] = key;
        const first = record(key, top, start);
        if (first < 0) continue;
        if (found.length < limit) {
          found.push({ path: pathHere(), key, first: position(first), again: position(start) });
        } else {
          more++;
        }
        continue;
      }
      default:
        i++;
    }
  }
  return { found, more };

  /**
   * Where `key` was first written in the innermost open object (at depth `d`), or -1 when it
   * is new there; a new key is remembered with its offset.
   */
  function record(key: string, d: number, offset: number): number {
    const known = table[d];
    if (known) {
      const earlier = known.get(key);
      if (earlier !== undefined) return earlier;
      known.set(key, offset);
      return -1;
    }
    const base = keyBase[d];
    for (let k = base; k < keys.length; k++) if (keys[k] === key) return offsets[k];
    keys.push(key);
    offsets.push(offset);
    if (keys.length - base > SHORT_OBJECT_KEYS) {
      // A long object (a table of parameters): look its keys up from now on.
      const made = new Map<string, number>();
      for (let k = base; k < keys.length; k++) made.set(keys[k], offsets[k]);
      table[d] = made;
    }
    return -1;
  }
}

/** Offsets of the line breaks of a text, in order. */
function newlineOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) offsets.push(i);
  return offsets;
}

/** Line and column (from 1, in UTF-16 units) of an offset, from the line breaks before it. */
function textPosition(newlines: readonly number[], offset: number): TextPosition {
  // How many line breaks come before the offset.
  let low = 0;
  let high = newlines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (newlines[middle] < offset) low = middle + 1;
    else high = middle;
  }
  const lineStart = low === 0 ? 0 : newlines[low - 1] + 1;
  return { line: low + 1, column: offset - lineStart + 1 };
}
