/**
 * The ids of a blueprint's text, found by their characters where they stand in the text: a
 * hash table of text ranges, without a string or a map entry per id. The plain reader resolves
 * every edge's two ends through it; with a million nodes that is a few million look-ups, which
 * a `Map` of strings makes a good part of the reading time (a string per end, its hash, and a
 * table that is copied each time it grows).
 */

/**
 * Slots per id at least: the table doubles before it is two-thirds full. Fuller tables are
 * smaller, which matters more than a slightly longer probe: a million-node blueprint's table is
 * touched all over, and fresh memory is slow to touch the first time.
 */
const LOAD = 1.5;

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

export class TextIds {
  /** How many ids are held. */
  size = 0;
  /** Entry + 1 per slot, 0 when free; the slot of a hash is `hash & mask`, then the next. */
  private slots: Int32Array;
  private mask: number;
  private starts: Int32Array;
  private lengths: Int32Array;
  private hashes: Int32Array;

  constructor(
    private readonly text: string,
    expected = 1024,
  ) {
    let capacity = 16;
    while (capacity < expected * LOAD) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    const entries = Math.floor(capacity / LOAD);
    this.starts = new Int32Array(entries);
    this.lengths = new Int32Array(entries);
    this.hashes = new Int32Array(entries);
  }

  /**
   * The entry of the id `text[start, end)` (its `hashRange`): its number in the order ids were
   * added, from 0; or `missing` when there is no such id.
   */
  find(start: number, end: number, hash: number, missing: number): number {
    const entry = this.entryOf(start, end, hash);
    return entry < 0 ? missing : entry;
  }

  /**
   * Adds the id `text[start, end)` (its `hashRange`) as entry {@link size}; false, and nothing
   * added, when the id is already there.
   */
  add(start: number, end: number, hash: number): boolean {
    if (this.entryOf(start, end, hash) >= 0) return false;
    if (this.size === this.starts.length) this.grow();
    const entry = this.size++;
    this.starts[entry] = start;
    this.lengths[entry] = end - start;
    this.hashes[entry] = hash;
    this.place(entry);
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

  private entryOf(start: number, end: number, hash: number): number {
    const { slots, mask, hashes, lengths, starts, text } = this;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] - 1;
      if (entry < 0) return -1;
      if (hashes[entry] !== hash || lengths[entry] !== length) continue;
      const other = starts[entry];
      let at = 0;
      while (at < length && text.charCodeAt(start + at) === text.charCodeAt(other + at)) at++;
      if (at === length) return entry;
    }
  }

  private place(entry: number): void {
    const { slots, mask } = this;
    let slot = this.hashes[entry] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }

  /** Doubles the table, placing every id again by its kept hash (no text is read). */
  private grow(): void {
    const capacity = this.slots.length * 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    const entries = Math.floor(capacity / LOAD);
    const widen = (values: Int32Array) => {
      const wider = new Int32Array(entries);
      wider.set(values);
      return wider;
    };
    this.starts = widen(this.starts);
    this.lengths = widen(this.lengths);
    this.hashes = widen(this.hashes);
    for (let entry = 0; entry < this.size; entry++) this.place(entry);
  }
}
