/**
 * The ids of a blueprint's text, found by their characters where they stand in the text,
 * without a string or a map entry per id. The plain reader resolves every edge's two ends
 * through it; with a million nodes that is a few million look-ups, which a `Map` of strings
 * makes a good part of the reading time (a string per end, its hash, and a table that is
 * copied each time it grows).
 *
 * Most ids are a word and a number counted up (`s1`, `s2`, `edge-17`, `Task_3`): the editor
 * names new nodes that way, and so do most tools. Such an id is found by its number in a list
 * of its word's ids, where neighbouring numbers stand side by side, so that a file's edges,
 * which mostly join nodes written near each other, read memory in order. Any other id goes
 * to a hash table of text ranges, whose look-ups land anywhere in memory.
 */

/**
 * Slots per hashed id at least: the table doubles before it is two-thirds full. Fuller tables
 * are smaller, which matters more than a slightly longer probe: fresh memory is slow to touch
 * the first time.
 */
const LOAD = 1.5;

/** Words whose numbered ids are listed by number; ids of further words are hashed. */
const MOST_WORDS = 16;

/** Digits of a number listed by number at most: larger numbers are hashed. */
const MOST_DIGITS = 9;

/**
 * Numbers listed per word beyond which an id is hashed, unless the table expects more ids:
 * a word's list spans its largest number, so ids numbered far apart are better hashed.
 */
const LEAST_NUMBER_SPAN = 1 << 16;

const DIGIT_ZERO = 48;

/** Numbers per piece of a word's list (see {@link TextIds}): 16 KiB. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** FNV-1a over the UTF-16 code units of `text[start, end)`, as a signed 32-bit integer. */
export function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  return hash;
}

/** Whether `text[start, end)` and `text[otherStart, otherEnd)` hold the same characters. */
export function sameRange(
  text: string,
  start: number,
  end: number,
  otherStart: number,
  otherEnd: number,
): boolean {
  const length = end - start;
  if (otherEnd - otherStart !== length) return false;
  let at = 0;
  while (at < length && text.charCodeAt(start + at) === text.charCodeAt(otherStart + at)) at++;
  return at === length;
}

/** Grows `values` to at least `length` entries, keeping them; new entries are 0. */
function widened(values: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  let capacity = Math.max(values.length, 16);
  while (capacity < length) capacity *= 2;
  if (capacity === values.length) return values;
  const wider = new Int32Array(capacity);
  wider.set(values);
  return wider;
}

export class TextIds {
  /** How many ids are held. */
  size = 0;
  /** Where each entry's id stands in the text, by entry. */
  private starts: Int32Array<ArrayBuffer>;
  private lengths: Int32Array<ArrayBuffer>;

  /**
   * Hashed ids: how many, and each one's entry and hash, in the order hashed. A slot holds a
   * hashed id's place in that order + 1, 0 when free; a hash's slot is `hash & mask`, then the
   * next.
   */
  private hashedCount = 0;
  private hashed = new Int32Array(16);
  private hashes = new Int32Array(16);
  private slots = new Int32Array(16);
  private mask = 15;

  /**
   * Words of numbered ids, where one of their ids stands; per word, entry + 1 by number, in
   * pieces of CHUNK numbers made as numbers come (a list that grows is never copied).
   */
  private wordStarts: number[] = [];
  private wordLengths: number[] = [];
  private byNumber: (Int32Array | undefined)[][] = [];
  /** Numbers listed per word at most (see {@link LEAST_NUMBER_SPAN}). */
  private readonly numberSpan: number;
  /** The word last looked up, most often the next one's too. */
  private lastWord = -1;
  /**
   * What {@link split} found last: whether the id is a word and a number, its word (-1 for a
   * word not listed yet), its number and where its digits start.
   */
  private isNumbered = false;
  private word = -1;
  private number = 0;
  private digitsAt = 0;

  constructor(
    private readonly text: string,
    expected = 1024,
  ) {
    const entries = Math.max(16, expected);
    this.starts = new Int32Array(entries);
    this.lengths = new Int32Array(entries);
    this.numberSpan = Math.max(LEAST_NUMBER_SPAN, 4 * expected);
  }

  /**
   * The entry of the id `text[start, end)`: its number in the order ids were added, from 0; or
   * `missing` when there is no such id.
   */
  find(start: number, end: number, missing: number): number {
    const entry = this.entryOf(start, end);
    return entry < 0 ? missing : entry;
  }

  /**
   * Adds the id `text[start, end)` as entry {@link size}; false, and nothing added, when the id is
   * already there.
   */
  add(start: number, end: number): boolean {
    if (this.entryOf(start, end) >= 0) return false;
    if (this.size === this.starts.length) {
      this.starts = widened(this.starts, this.size + 1);
      this.lengths = widened(this.lengths, this.size + 1);
    }
    const entry = this.size++;
    this.starts[entry] = start;
    this.lengths[entry] = end - start;
    // entryOf left the id's word and number when it has them.
    if (this.listByNumber(start)) {
      const chunks = this.byNumber[this.word];
      const at = this.number >>> CHUNK_BITS;
      const chunk = (chunks[at] ??= new Int32Array(CHUNK));
      chunk[this.number & (CHUNK - 1)] = entry + 1;
    } else {
      this.addHashed(entry, hashRange(this.text, start, end));
    }
    return true;
  }

  /**
   * Where each id added stands in the text, by entry: `starts` and `lengths`, `size` long. The
   * table is done with once these are taken (they are its own lists).
   */
  ranges(): { starts: Int32Array; lengths: Int32Array } {
    return {
      starts: this.starts.subarray(0, this.size),
      lengths: this.lengths.subarray(0, this.size),
    };
  }

  /** The entry of `text[start, end)`, or -1; leaves what {@link split} finds of it. */
  private entryOf(start: number, end: number): number {
    if (this.split(start, end) && this.word >= 0) {
      const chunk = this.byNumber[this.word][this.number >>> CHUNK_BITS];
      const held = chunk === undefined ? 0 : chunk[this.number & (CHUNK - 1)];
      if (held > 0) return held - 1;
    }
    // A numbered id may still be hashed: its word came when the list of words was full, or
    // its number was beyond the word's span.
    return this.hashedCount === 0 ? -1 : this.hashedEntry(start, end);
  }

  /**
   * Whether `text[start, end)` is a word and a number (decimal, no leading zero, at most
   * MOST_DIGITS digits): then `number` is its number and `word` its word's index, or -1 when
   * the word is not listed.
   */
  private split(start: number, end: number): boolean {
    this.isNumbered = false;
    const text = this.text;
    let digits = end;
    while (digits > start) {
      const code = text.charCodeAt(digits - 1) - DIGIT_ZERO;
      if (code < 0 || code > 9) break;
      digits--;
    }
    const count = end - digits;
    if (count === 0 || count > MOST_DIGITS) return false;
    if (count > 1 && text.charCodeAt(digits) === DIGIT_ZERO) return false;
    let number = 0;
    for (let at = digits; at < end; at++) number = number * 10 + text.charCodeAt(at) - DIGIT_ZERO;
    this.number = number;
    this.digitsAt = digits;
    this.word = this.wordOf(start, digits - start);
    this.isNumbered = true;
    return true;
  }

  /** The index of the word `text[start, start + length)` among the listed words, or -1. */
  private wordOf(start: number, length: number): number {
    const { wordStarts, wordLengths, text } = this;
    const last = this.lastWord;
    if (
      last >= 0 &&
      sameRange(text, start, start + length, wordStarts[last], wordStarts[last] + wordLengths[last])
    ) {
      return last;
    }
    for (let w = 0; w < wordStarts.length; w++) {
      if (
        w !== last &&
        sameRange(text, start, start + length, wordStarts[w], wordStarts[w] + wordLengths[w])
      ) {
        this.lastWord = w;
        return w;
      }
    }
    return -1;
  }

  /**
   * Right after entryOf found no id `text[start, …)`: whether it goes to a word's list, listing
   * its word if there is room.
   */
  private listByNumber(start: number): boolean {
    if (!this.isNumbered || this.number >= this.numberSpan) return false;
    if (this.word < 0) {
      if (this.wordStarts.length === MOST_WORDS) return false;
      this.word = this.wordStarts.length;
      this.wordStarts.push(start);
      this.wordLengths.push(this.digitsAt - start);
      this.byNumber.push([]);
      this.lastWord = this.word;
    }
    return true;
  }

  private hashedEntry(start: number, end: number): number {
    const hash = hashRange(this.text, start, end);
    const { slots, mask, hashed, hashes, lengths, starts, text } = this;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const h = slots[slot] - 1;
      if (h < 0) return -1;
      const entry = hashed[h];
      if (hashes[h] !== hash || lengths[entry] !== length) continue;
      const other = starts[entry];
      let at = 0;
      while (at < length && text.charCodeAt(start + at) === text.charCodeAt(other + at)) at++;
      if (at === length) return entry;
    }
  }

  private addHashed(entry: number, hash: number): void {
    if (this.hashedCount === this.hashed.length) {
      this.hashed = widened(this.hashed, this.hashedCount + 1);
      this.hashes = widened(this.hashes, this.hashedCount + 1);
    }
    const h = this.hashedCount++;
    this.hashed[h] = entry;
    this.hashes[h] = hash;
    if (this.hashedCount * LOAD > this.slots.length) {
      // Doubles the table, placing every hashed id again by its kept hash (no text is read).
      const capacity = this.slots.length * 2;
      this.slots = new Int32Array(capacity);
      this.mask = capacity - 1;
      for (let other = 0; other < h; other++) this.place(other);
    }
    this.place(h);
  }

  /** Places the hashed id `h` (its place in the order hashed) in the first free slot of its hash. */
  private place(h: number): void {
    const { slots, mask } = this;
    let slot = this.hashes[h] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = h + 1;
  }
}
